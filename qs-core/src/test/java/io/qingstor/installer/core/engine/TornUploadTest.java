package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.FreezableProxy;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection cut in the middle of an upload never leaves a partial file at the destination:
 * the node keeps what it had (here: nothing), and the next run completes the file and leaves no
 * temp file behind.
 */
class TornUploadTest {
  private static final int SIZE = 8 * 1024 * 1024;

  @TempDir Path work;

  @Test
  void aCutConnectionLeavesNoPartialFileAndTheNextRunCompletesIt() throws Exception {
    byte[] big = new byte[SIZE];
    new SecureRandom().nextBytes(big);
    Path plan = PlanPlatform.planDirectory(work.resolve("plan"), String.join("\n",
        "version: torn-1",
        "jobs:",
        "  config:",
        "    - name: push",
        "      targets: access",
        "      timeout: 60s",
        "      upload:",
        "        - {src: files/big.bin, dest: data/big.bin}",
        ""), Map.of());
    Files.createDirectories(plan.resolve("files"));
    Files.write(plan.resolve("files/big.bin"), big);
    try (Fleet fleet = new Fleet(6, 140);
        FreezableProxy proxy = new FreezableProxy("127.0.30.1", fleet.node(1).host(),
            fleet.node(1).port());
        QingStorCore core = QingStorCore.builder().dataDir(work.resolve("data"))
            .plan(PlanLoader.load(plan)).build()) {
      register(core, fleet, proxy);
      Path dest = fleet.qsRoot(1).resolve("data/big.bin");
      Path temp = fleet.qsRoot(1).resolve("data/.big.bin.qs-upload");
      proxy.freezeAfter(SIZE / 2);

      String first = core.configQingStor(Fleet.seedTopology(), "admin").jobId();
      await().atMost(Duration.ofSeconds(60)).until(() -> proxy.frozen() && Files.exists(temp));
      assertThat(dest).doesNotExist();
      proxy.cut();
      assertThat(core.awaitIdle(PlanPlatform.WAIT)).isTrue();

      JobInfo torn = core.getConfigQingStorStatus(first);
      assertThat(torn.status()).isEqualTo("failed");
      assertThat(torn.error()).contains("step0 (push) failed on n-1");
      assertThat(dest).doesNotExist();
      assertThat(Files.size(temp)).isLessThan(SIZE);

      proxy.thaw();
      String second = core.configQingStor(Fleet.seedTopology(), "admin").jobId();
      assertThat(core.awaitIdle(PlanPlatform.WAIT)).isTrue();

      JobInfo done = core.getConfigQingStorStatus(second);
      assertThat(done.status()).as(done.error()).isEqualTo("successful");
      assertThat(Files.readAllBytes(dest)).isEqualTo(big);
      assertThat(temp).doesNotExist();
    }
  }

  /** n-1 through the proxy, the others directly. */
  private static void register(QingStorCore core, Fleet fleet, FreezableProxy proxy) {
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      SandboxNode node = fleet.node(i);
      boolean proxied = i == 1;
      specs.add(new NodeSpec(Fleet.nodeId(i), proxied ? proxy.host() : node.host(),
          proxied ? proxy.port() : node.port(), node.user(), Fleet.NODE_PASSWORD, null,
          Map.of("qs_root", fleet.qsRoot(i).toString())));
    }
    core.addNodes(new AddNodesRequest(specs));
  }
}
