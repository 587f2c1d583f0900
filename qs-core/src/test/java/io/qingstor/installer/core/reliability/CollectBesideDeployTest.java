package io.qingstor.installer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.engine.Fleet;
import io.qingstor.installer.core.exec.FreezableProxy;
import io.qingstor.installer.core.exec.SshExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CollectNodes runs beside platform jobs. Its findings land on the node records as they are when
 * it ends, so a deploy that marked a node deployed meanwhile is not undone by a stale copy.
 */
class CollectBesideDeployTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path data;

  @Test
  void aCollectEndingAfterADeployLeavesTheDeployedNodeDeployed() throws Exception {
    try (Fleet fleet = new Fleet(3, 190);
        FreezableProxy far = new FreezableProxy("127.0.0.195", fleet.node(3).host(),
            fleet.node(3).port());
        // Short enough to keep the test quick, long enough for the deploy to finish first.
        SshExecutor ssh = SshExecutor.builder().knownHostsFile(data.resolve("known_hosts"))
            .authTimeout(Duration.ofSeconds(5)).build();
        QingStorCore core = QingStorCore.builder().dataDir(data.resolve("qs"))
            .plan(Platforms.QUICK_PLAN).remoteExecutor(ssh).build()) {
      fleet.register(core);
      core.addNodes(new AddNodesRequest(List.of(new NodeSpec("n-far", far.host(), far.port(),
          fleet.node(3).user(), Fleet.NODE_PASSWORD, null, Map.of()))));
      core.configQingStor(Platforms.config("ansible-pw", List.of("n-1"),
          List.of("n-1", "n-2", "n-3"), Fleet.device()), "admin");
      assertThat(core.awaitIdle(WAIT)).isTrue();

      far.freeze();
      String collect = core.collectNodes(new CollectNodesRequest(List.of("n-1", "n-far")),
          "admin").jobId();
      String deploy = core.deployQingStor(new DeployQingStorRequest(null, null), "admin")
          .jobId();
      await().atMost(WAIT).until(() -> core.getDeployQingStorStatus(deploy).status(),
          status -> status.equals("successful"));
      assertThat(status(core, collect)).as("the collect still waits for n-far")
          .matches("step[0-9]+");
      far.thaw();
      assertThat(core.awaitIdle(WAIT)).isTrue();

      NodeInfo node = core.describeNodes(new DescribeNodesRequest(List.of("n-1"), null)).nodes()
          .get(0);
      assertThat(node.status()).isEqualTo("deployed");
      assertThat(node.facts()).isNotNull();
    }
  }

  private static String status(QingStorCore core, String jobId) {
    return core.describeJobs(new DescribeJobsRequest(List.of(jobId), null, null, null)).jobs()
        .get(0).status();
  }
}
