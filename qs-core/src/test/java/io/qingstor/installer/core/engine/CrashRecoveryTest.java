package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a JVM in the middle of a deploy step: after restart the job is failed ("interrupted
 * by restart", pre_status the step), earlier logs are intact, and the next deploy resumes there.
 */
class CrashRecoveryTest {
  @TempDir Path data;
  @TempDir Path work;

  @Test
  void aKilledJvmLeavesTheJobFailedAtItsStepAndDeployResumesThere() throws Exception {
    KilledDeploy killed = new KilledDeploy(data, work, KilledDeploy.plan("crash-test",
        "run: |",
        "  echo \"first on $QS_NODE_ID\"",
        "  echo \"$QS_JOB_ID first\" >> \"$qs_root/state/history\""));
    try (Fleet fleet = new Fleet(1, 70)) {
      killed.configure(fleet, oneNode());

      String jobId = killed.killInSecondStep(fleet);

      byte[] step0 = Files.readAllBytes(data.resolve("jobs/" + jobId + "/step-0.log"));
      try (QingStorCore core = killed.open()) {
        JobInfo job = core.getDeployQingStorStatus(jobId);
        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.preStatus()).isEqualTo("step1");
        assertThat(job.error()).isEqualTo("interrupted by restart");
        assertThat(core.describeQingStor().qingstor().status()).isEqualTo("deploy_failed");
        assertThat(core.getDeployQingStorLog(new JobLogRequest(jobId, "step1", null, null)).log()
            .get("step1").lines()).anySatisfy(l -> assertThat(l.text()).isEqualTo("waiting"));

        String resumed = core.deployQingStor(new DeployQingStorRequest(null, null), "admin")
            .jobId();
        assertThat(core.awaitIdle(KilledDeploy.WAIT)).isTrue();

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
