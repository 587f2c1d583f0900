package io.qingstor.installer.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.qingstor.installer.core.swift.SwiftNodes;
import io.qingstor.installer.server.QsServer;
import io.qingstor.installer.server.reliability.JsonClient.Reply;
import io.qingstor.installer.server.testing.InProcessServer;
import io.qingstor.installer.testing.S3Client;
import io.qingstor.installer.testing.SigV4Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server while the swift plan's {@code start} step starts Swift's daemons on the
 * nodes; the restarted server resumes the deploy at that step, which starts what is missing
 * without starting anything twice, and the smoke test through the VIP passes.
 */
class KillDuringSwiftStartTest {
  private static final List<String> NODES = List.of("s1", "s2", "s3", "a1");
  private static final String VIP = "127.0.50.9";

  @TempDir Path work;

  @Test
  void aDeployKilledDuringServiceStartResumesThereAndTheStoreServesS3() throws Exception {
    Optional<String> unavailable = SwiftNodes.unavailableReason();
    unavailable.ifPresent(reason -> System.out.println("KillDuringSwiftStartTest skipped: " + reason));
    Assumptions.assumeTrue(unavailable.isEmpty(), unavailable.orElse(""));
    Path data = work.resolve("data");
    try (SwiftNodes nodes = SwiftNodes.start("127.0.42.", NODES,
        "kill-swift-" + Long.toHexString(System.nanoTime()))) {
      String jobId;
      int startStep;
      try (ChildServer child = ChildServer.launch(work, "--port", "0", "--data",
          data.toString(), "--plan", "swift")) {
        JsonClient api = new JsonClient(child.awaitUrl());
        configure(api, nodes);
        jobId = api.admin("DeployQingStor").json().path("job_id").asText();
        startStep = awaitServicesStarting(api, jobId);

        child.killHard();
      }

      try (QsServer restarted = QsServer.start(InProcessServer.options(data).plan("swift").build())) {
        JsonClient api = new JsonClient(restarted.url());
        JsonNode interrupted = api.admin("GetDeployQingStorStatus", Map.of("job_id", jobId)).json();
        assertThat(interrupted.path("pre_status").asText()).isEqualTo("step" + startStep);
        assertThat(interrupted.path("error").asText()).isEqualTo("interrupted by restart");

        String resumed = api.admin("DeployQingStor").json().path("job_id").asText();
        JsonNode finished = awaitFinished(api, "GetDeployQingStorStatus", resumed);

        assertThat(finished.path("status").asText()).as(finished.toString()).isEqualTo("successful");
        for (String node : NODES) {
          Set<Long> recorded = Set.copyOf(nodes.pids(node).values());
          assertThat(nodes.liveDaemons()).as("one process per service on " + node)
              .filteredOn(line -> line.contains(nodes.qsRoot(node).toString()))
              .hasSize(node.startsWith("s") ? 7 : 2)
              .allMatch(line -> recorded.contains(Long.parseLong(line.split(" ")[0])));
        }
        String secret = api.admin("DescribeAccessKeys").json().path("access_keys").get(0)
            .path("secret_access_key").asText();
        S3Client s3 = new S3Client("http://" + VIP + ":8080",
            new SigV4Signer("qingstor:admin", secret, "test"));
        assertThat(s3.createBucket("after-kill").status()).isEqualTo(200);
        assertThat(s3.put("after-kill", "k", "resumed".getBytes(StandardCharsets.UTF_8)).status())
            .isEqualTo(200);
        assertThat(s3.get("after-kill", "k").text()).isEqualTo("resumed");
      }
    }
  }

  /** Waits until the deploy runs its start step and a node has started a daemon; its index. */
  private static int awaitServicesStarting(JsonClient api, String jobId) {
    int[] step = new int[1];
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
      JsonNode status = api.admin("GetDeployQingStorStatus", Map.of("job_id", jobId)).json();
      assertThat(status.path("status").asText()).as(status.toString()).startsWith("step");
      if (!status.path("step_title").asText().startsWith("Start the Swift services")) {
        return false;
      }
      step[0] = Integer.parseInt(status.path("status").asText().substring(4));
      return api.stepLines("GetDeployQingStorLog", jobId, "step" + step[0], 1000).stream()
          .anyMatch(line -> line.path("text").asText().contains(" started (pid "));
    });
    return step[0];
  }

  /** As {@link JsonClient#awaitFinished}, with the time a Swift deploy needs on two cores. */
  private static JsonNode awaitFinished(JsonClient api, String statusAction, String jobId) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.admin(statusAction, Map.of("job_id", jobId)).json();
      return List.of("successful", "failed").contains(last[0].path("status").asText());
    });
    return last[0];
  }

  private static void configure(JsonClient api, SwiftNodes nodes) {
    List<Map<String, Object>> specs = new ArrayList<>();
    nodes.specs().forEach(spec -> specs.add(Map.of("node_id", spec.nodeId(), "ip", spec.ip(),
        "ssh_port", spec.sshPort(), "ssh_user", spec.sshUser(), "ssh_password", spec.sshPassword(),
        "vars", spec.vars())));
    Reply added = api.admin("AddNodes", Map.of("nodes", specs));
    assertThat(added.retCode()).as(added.toString()).isZero();
    Map<String, Object> qsConf = Map.of("firstbox", "127.0.0.1", "ansible_ssh_pass", "unused",
        "zone_id", "test", "iaas_domain", "test.com", "global_domain", "stor.test.com",
        "qs_network", List.of("127.0.0.0/8"));
    Map<String, Object> intranet = Map.of("interface", "lo", "nodes", List.of("a1"),
        "vips", List.of(VIP), "bridge_vip", "127.0.50.99");
    Map<String, Object> cluster = Map.of("cluster_id", 0, "vol_type", "replicate", "replica", 3,
        "brick_count", 1, "block", "sdc", "nodes", List.of("s1", "s2", "s3"));
    Reply config = api.admin("ConfigQingStor", Map.of("qs_conf", qsConf,
        "access_nodes", Map.of("intranet", intranet), "storage_nodes", List.of(cluster)));
    assertThat(config.retCode()).as(config.toString()).isZero();
    JsonNode done = awaitFinished(api, "GetConfigQingStorStatus",
        config.json().path("job_id").asText());
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("successful");
  }
}
