package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a JVM in the middle of a deploy step: after restart the job is failed ("interrupted
 * by restart", pre_status the step), earlier logs are intact, and the next deploy resumes there.
 */
class CrashRecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PLAN = String.join("\n",
      "version: crash-test",
      "jobs:",
      "  config:",
      "    - {name: check, targets: all, run: 'mkdir -p \"$qs_root/state\"'}",
      "  deploy:",
      "    - name: first",
      "      targets: all",
      "      run: |",
      "        echo \"first on $QS_NODE_ID\"",
      "        echo \"$QS_JOB_ID first\" >> \"$qs_root/state/history\"",
      "    - name: second",
      "      targets: all",
      "      run: |",
      "        echo \"$QS_JOB_ID second\" >> \"$qs_root/state/history\"",
      "        touch \"$qs_root/state/in-second\"",
      "        if [ ! -e \"$qs_root/state/go\" ]; then echo waiting; sleep 300; fi",
      "        echo done",
      "");

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void aKilledJvmLeavesTheJobFailedAtItsStepAndDeployResumesThere() throws Exception {
    Path planFile = Files.writeString(work.resolve("plan.yml"), PLAN);
    try (Fleet fleet = new Fleet(1, 70)) {
      try (QingStorCore core = QingStorCore.builder().dataDir(data)
          .plan(PlanLoader.load(planFile)).build()) {
        fleet.register(core);
        core.configQingStor(oneNode(), "admin");
        assertThat(core.awaitIdle(WAIT)).isTrue();
      }
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"), CrashProbe.class.getName(),
          data.toString(), planFile.toString())
          .redirectError(work.resolve("child.err").toFile()).start();
      String jobId = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      Path inSecond = fleet.qsRoot(1).resolve("state/in-second");
      await().atMost(WAIT).until(() -> Files.exists(inSecond)
          && Files.readString(data.resolve("jobs/" + jobId + "/step-1.log")).contains("waiting"));
      byte[] step0 = Files.readAllBytes(data.resolve("jobs/" + jobId + "/step-0.log"));

      child.destroyForcibly().waitFor();

      Files.createFile(fleet.qsRoot(1).resolve("state/go"));
      try (QingStorCore core = QingStorCore.builder().dataDir(data)
          .plan(PlanLoader.load(planFile)).build()) {
        JobInfo job = core.getDeployQingStorStatus(jobId);
        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.preStatus()).isEqualTo("step1");
        assertThat(job.error()).isEqualTo("interrupted by restart");
        assertThat(core.describeQingStor().qingstor().status()).isEqualTo("deploy_failed");
        assertThat(core.getDeployQingStorLog(new JobLogRequest(jobId, "step1", null, null)).log()
            .get("step1").lines()).anySatisfy(l -> assertThat(l.text()).isEqualTo("waiting"));

        String resumed = core.deployQingStor(new DeployQingStorRequest(null, null), "admin")
            .jobId();
        assertThat(core.awaitIdle(WAIT)).isTrue();

        assertThat(core.getDeployQingStorStatus(resumed).status()).isEqualTo("successful");
        assertThat(fleet.history(1)).containsExactly(jobId + " first", jobId + " second",
            resumed + " second");
        assertThat(Files.readAllBytes(data.resolve("jobs/" + jobId + "/step-0.log")))
            .isEqualTo(step0);
      }
    }
  }

  private static ConfigQingStorRequest oneNode() {
    ConfigQingStorRequest seed = Fleet.seedTopology();
    return new ConfigQingStorRequest(seed.qsConf(),
        new AccessNodes(new AccessNetwork("lo", Fleet.refs(1), List.of("127.0.100.13"),
            "127.0.100.100"), false, null),
        List.of(new StorageClusterSpec(0, "vol0", "replicate", null, 1, false, "standard", false,
            1, Fleet.device(), Fleet.refs(1))), null);
  }
}
