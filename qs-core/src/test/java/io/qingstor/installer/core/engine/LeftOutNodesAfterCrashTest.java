package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a JVM whose deploy went on without a dead node: after the restart the interrupted
 * job still names the node, the platform marks it failed, the restart does not look for its
 * commands on it (it ran none), and the resume goes on without it.
 */
class LeftOutNodesAfterCrashTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PLAN = String.join("\n",
      "version: left-out-crash-test",
      "jobs:",
      "  config:",
      "    - {name: check, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
      "  deploy:",
      "    - name: first",
      "      targets: all",
      "      max_failed_nodes: 1",
      "      run: echo \"$QS_JOB_ID first\" >> \"$qs_root/state/history\"",
      "    - name: second",
      "      targets: all",
      "      run: |",
      "        echo \"$QS_JOB_ID second\" >> \"$qs_root/state/history\"",
      "        touch \"$qs_root/state/in-second\"",
      "        if [ ! -e \"$qs_root/state/go\" ]; then echo waiting; sleep 300; fi",
      "");

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void theNodeAJobWentOnWithoutStaysLeftOutAndMarkedAcrossAKill() throws Exception {
    Path planFile = Files.writeString(work.resolve("plan.yml"), PLAN);
    try (Fleet fleet = new Fleet(2, 86)) {
      try (QingStorCore core = QingStorCore.builder().dataDir(data)
          .plan(PlanLoader.load(planFile)).build()) {
        fleet.register(core);
        core.configQingStor(Fleet.smallTopology(1, 2), "admin");
        assertThat(core.awaitIdle(WAIT)).isTrue();
      }
      fleet.node(2).stop();
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"), CrashProbe.class.getName(),
          data.toString(), planFile.toString())
          .redirectError(work.resolve("child.err").toFile()).start();
      String jobId = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      Path inSecond = fleet.qsRoot(1).resolve("state/in-second");
      await().atMost(WAIT).until(() -> Files.exists(inSecond)
          && Files.readString(data.resolve("jobs/" + jobId + "/step-1.log")).contains("waiting"));

      child.destroyForcibly().waitFor();

      Files.createFile(fleet.qsRoot(1).resolve("state/go"));
      try (QingStorCore core = QingStorCore.builder().dataDir(data)
          .plan(PlanLoader.load(planFile)).build()) {
        JobInfo crashed = core.getDeployQingStorStatus(jobId);
        assertThat(crashed.status()).isEqualTo("failed");
        assertThat(crashed.error()).as("n-2 ran nothing to look for").isEqualTo(
            "interrupted by restart");
        assertThat(crashed.failedNodes()).containsExactly("n-2");
        assertThat(NodeJobs.describe(core, "n-2").failed().jobId()).isEqualTo(jobId);

        String resumed = core.deployQingStor(new DeployQingStorRequest(null, null), "admin")
            .jobId();
        assertThat(core.awaitIdle(WAIT)).isTrue();

        JobInfo job = core.getDeployQingStorStatus(resumed);
        assertThat(job.status()).as(job.error()).isEqualTo("successful");
        assertThat(job.failedNodes()).containsExactly("n-2");
        assertThat(fleet.history(1)).containsExactly(jobId + " first", jobId + " second",
            resumed + " second");
        assertThat(NodeJobs.describe(core, "n-2").failed().jobId()).isEqualTo(resumed);
      }
    }
  }
}
