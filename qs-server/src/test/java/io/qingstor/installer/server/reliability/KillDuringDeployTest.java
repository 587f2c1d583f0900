package io.qingstor.installer.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import io.qingstor.installer.server.QsServer;
import io.qingstor.installer.server.reliability.JsonClient.Reply;
import io.qingstor.installer.server.testing.InProcessServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of the server's JVM while step k of a deploy runs on real SSH nodes (which live in the
 * test JVM and so survive the kill). The restarted server shows the job failed at step k, keeps
 * every complete log line (and ignores the torn line a kill during a write leaves), and the next
 * DeployQingStor resumes at k: the nodes' own history files prove that no earlier step ran twice. The default run kills at step 2 of 4;
 * {@code -Dqs.longTests=true} kills at every step.
 */
class KillDuringDeployTest {
  private static final int STEPS = 4;
  private static final int NODES = 3;
  private static final String NODE_PASSWORD = "kill-node-" + Long.toHexString(System.nanoTime());

  @TempDir Path work;

  static Stream<Integer> killedSteps() {
    return Servers.LONG ? IntStream.range(0, STEPS).boxed() : Stream.of(2);
  }

  @ParameterizedTest(name = "killed in step {0}")
  @MethodSource("killedSteps")
  void aKilledServerLeavesTheJobFailedAtItsStepAndDeployResumesThere(int k) throws Exception {
    Path data = work.resolve("data");
    Path plan = Files.writeString(work.resolve("plan.yml"), plan(k));
    try (SandboxFleet fleet = SandboxFleet.start(NODES, 160, NODE_PASSWORD)) {
      String jobId;
      Map<Integer, byte[]> atKill = new HashMap<>();
      try (ChildServer child = ChildServer.launch(work, "--port", "0", "--data",
          data.toString(), "--plan", plan.toString())) {
        JsonClient api = new JsonClient(child.awaitUrl());
        configure(api, fleet);
        jobId = api.admin("DeployQingStor").json().path("job_id").asText();
        awaitTicksFromEveryNode(api, jobId, k);

        child.killHard();

        int tornBytes = tearTheLastLine(stepLog(data, jobId, k));
        for (int step = 0; step <= k; step++) {
          atKill.put(step, Files.readAllBytes(stepLog(data, jobId, step)));
        }
        System.out.printf("killed in step %d: step-%d.log held %d bytes, %d complete lines,"
            + " then a torn line of %d bytes%n", k, k, atKill.get(k).length,
            completeLines(atKill.get(k)).size(), tornBytes);
      }
      for (SandboxNode node : fleet.nodes()) {
        Files.createFile(qsRoot(node).resolve("state/go"));
      }

      try (QsServer restarted =
          QsServer.start(InProcessServer.options(data).planFile(plan).build())) {
        JsonClient api = new JsonClient(restarted.url());
        assertInterruptedAt(api, jobId, k);
        assertStepLogKeptEveryCompleteLine(api, data, jobId, k, atKill.get(k));

        String resumed = api.admin("DeployQingStor").json().path("job_id").asText();
        JsonNode finished = api.awaitFinished("GetDeployQingStorStatus", resumed);

        assertThat(finished.path("status").asText()).as(finished.toString())
            .isEqualTo("successful");
        for (int step = 0; step < k; step++) {
          assertThat(Files.readAllBytes(stepLog(data, jobId, step))).as("step-%d.log", step)
              .isEqualTo(atKill.get(step));
          assertThat(api.admin("GetDeployQingStorLog", Map.of("job_id", resumed, "job_status",
              "step" + step)).json().path("log").path("step" + step).path("status").asText())
              .isEqualTo("skipped");
        }
        for (SandboxNode node : fleet.nodes()) {
          assertThat(history(node)).as(node.nodeId()).containsExactlyElementsOf(
              expectedHistory(jobId, resumed, k));
        }
      }
    }
  }

  /** Registers the nodes with their qs_root and runs a config job to success. */
  private static void configure(JsonClient api, SandboxFleet fleet) {
    List<Map<String, Object>> specs = new ArrayList<>();
    for (SandboxNode node : fleet.nodes()) {
      specs.add(Map.of("node_id", node.nodeId(), "ip", node.host(), "ssh_port", node.port(),
          "ssh_user", node.user(), "ssh_password", NODE_PASSWORD,
          "vars", Map.of("qs_root", qsRoot(node).toString())));
    }
    Reply added = api.admin("AddNodes", Map.of("nodes", specs));
    assertThat(added.retCode()).as(added.toString()).isZero();
    List<String> ids = fleet.nodes().stream().map(SandboxNode::nodeId).toList();
    Map<String, Object> qsConf = Map.of("firstbox", "127.0.0.1", "ansible_ssh_pass", "unused",
        "zone_id", "test", "iaas_domain", "test.com", "global_domain", "stor.test.com",
        "qs_network", List.of("127.0.0.0/8"));
    Map<String, Object> intranet = Map.of("interface", "lo", "nodes", ids,
        "vips", List.of("127.0.101.1", "127.0.101.2", "127.0.101.3"),
        "bridge_vip", "127.0.101.100");
    Map<String, Object> cluster = Map.of("cluster_id", 0, "vol_type", "replicate", "replica", 3,
        "brick_count", 1, "block", "sda", "nodes", ids);
    Reply config = api.admin("ConfigQingStor", Map.of("qs_conf", qsConf,
        "access_nodes", Map.of("intranet", intranet), "storage_nodes", List.of(cluster)));
    assertThat(config.retCode()).as(config.toString()).isZero();
    JsonNode done = api.awaitFinished("GetConfigQingStorStatus",
        config.json().path("job_id").asText());
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("successful");
  }

  /** Waits until the job runs step k and every node has printed a few ticks there. */
  private static void awaitTicksFromEveryNode(JsonClient api, String jobId, int k) {
    String step = "step" + k;
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode status = api.admin("GetDeployQingStorStatus", Map.of("job_id", jobId)).json();
      if (!status.path("status").asText().equals(step)) {
        assertThat(status.path("status").asText()).as(status.toString()).startsWith("step");
        return false;
      }
      Map<String, Integer> ticks = new HashMap<>();
      for (JsonNode line : api.stepLines("GetDeployQingStorLog", jobId, step, 1000)) {
        if (line.path("text").asText().startsWith("tick ")) {
          ticks.merge(line.path("node").asText(), 1, Integer::sum);
        }
      }
      return ticks.size() == NODES && ticks.values().stream().allMatch(n -> n >= 3);
    });
  }

  private static void assertInterruptedAt(JsonClient api, String jobId, int k) {
    JsonNode job = api.admin("GetDeployQingStorStatus", Map.of("job_id", jobId)).json();
    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("failed");
    assertThat(job.path("pre_status").asText()).isEqualTo("step" + k);
    assertThat(job.path("error").asText()).isEqualTo("interrupted by restart");
    assertThat(api.admin("DescribeQingStor").json().path("qingstor").path("status").asText())
        .isEqualTo("deploy_failed");
  }

  /**
   * The file still starts with every complete line it had at the kill, and the API serves
   * exactly those lines (paging 50 at a time), then the restart's own: nothing lost, nothing
   * half-written.
   */
  private static void assertStepLogKeptEveryCompleteLine(JsonClient api, Path data, String jobId,
      int k, byte[] atKill) throws Exception {
    byte[] complete = Arrays.copyOf(atKill, lastLineEnd(atKill));
    byte[] now = Files.readAllBytes(stepLog(data, jobId, k));
    assertThat(Arrays.copyOf(now, Math.min(now.length, complete.length))).isEqualTo(complete);

    List<String> served = api.stepLines("GetDeployQingStorLog", jobId, "step" + k, 50).stream()
        .map(line -> line.path("node").asText("-") + " " + line.path("text").asText())
        .toList();
    List<String> kept = completeLines(atKill);
    assertThat(served.subList(0, Math.min(served.size(), kept.size()))).isEqualTo(kept);
    assertThat(served).anyMatch(line -> line.endsWith(" tick 3"));
    // Then the restart's check of each node for commands the killed run left (none here: these
    // in-process nodes end a session's processes when its connection drops).
    assertThat(served.subList(kept.size(), served.size())).hasSize(NODES)
        .allMatch(line -> line.endsWith(" was left running"));
  }

  /**
   * Appends the first half of the log's last line again, without its LF: what a kill in the
   * middle of writing a line leaves (the kill itself rarely lands there). Returns its length.
   */
  private static int tearTheLastLine(Path log) throws Exception {
    byte[] bytes = Files.readAllBytes(log);
    int end = lastLineEnd(bytes);
    int start = lastLineEnd(Arrays.copyOf(bytes, Math.max(0, end - 1)));
    byte[] torn = Arrays.copyOfRange(bytes, start, start + (end - start) / 2);
    Files.write(log, torn, StandardOpenOption.APPEND);
    return torn.length;
  }

  /** "node text" of each complete line of a step log file (time, node, stream, text; TABs). */
  private static List<String> completeLines(byte[] log) {
    String text = new String(log, 0, lastLineEnd(log), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        String[] fields = line.split("\t", 4);
        lines.add(fields[1] + " " + fields[3].replace("\\t", "\t").replace("\\\\", "\\"));
      }
    }
    return lines;
  }

  private static int lastLineEnd(byte[] log) {
    for (int i = log.length - 1; i >= 0; i--) {
      if (log[i] == '\n') {
        return i + 1;
      }
    }
    return 0;
  }

  private static List<String> expectedHistory(String killed, String resumed, int k) {
    List<String> lines = new ArrayList<>();
    IntStream.rangeClosed(0, k).forEach(step -> lines.add(killed + " step" + step));
    IntStream.range(k, STEPS).forEach(step -> lines.add(resumed + " step" + step));
    return lines;
  }

  private static List<String> history(SandboxNode node) throws Exception {
    return Files.readAllLines(qsRoot(node).resolve("state/history"));
  }

  private static Path qsRoot(SandboxNode node) {
    return node.root().resolve("qs");
  }

  private static Path stepLog(Path data, String jobId, int step) {
    return data.resolve("jobs").resolve(jobId).resolve("step-" + step + ".log");
  }

  /**
   * Config prepares each node; every deploy step appends "job step" to the node's history, and
   * step k then prints a tick every 20 ms until the test creates the node's go flag.
   */
  private static String plan(int k) {
    StringBuilder plan = new StringBuilder("version: kill-test\njobs:\n  config:\n"
        + "    - {name: prepare, targets: all, timeout: 60s, run: 'mkdir -p \"$qs_root/state\"'}\n"
        + "  deploy:\n");
    for (int step = 0; step < STEPS; step++) {
      plan.append("    - name: s").append(step).append("\n      targets: all\n")
          .append("      timeout: 300s\n      run: |\n")
          .append("        echo \"$QS_JOB_ID $QS_STEP\" >> \"$qs_root/state/history\"\n")
          .append("        echo \"$QS_STEP on $QS_NODE_ID\"\n");
      if (step == k) {
        plan.append("        i=0\n")
            .append("        while [ ! -e \"$qs_root/state/go\" ]; do\n")
            .append("          i=$((i + 1)); echo \"tick $i\"; sleep 0.02\n")
            .append("        done\n");
      }
      plan.append("        echo \"$QS_STEP done\"\n");
    }
    return plan.toString();
  }
}
