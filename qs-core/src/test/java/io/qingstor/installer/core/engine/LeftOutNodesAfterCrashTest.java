package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.core.QingStorCore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a JVM whose deploy went on without a dead node: after the restart the interrupted
 * job still names the node, the platform marks it failed, the restart does not look for its
 * commands on it (it ran none), and the resume goes on without it.
 */
class LeftOutNodesAfterCrashTest {
  @TempDir Path data;
  @TempDir Path work;

  @Test
  void theNodeAJobWentOnWithoutStaysLeftOutAndMarkedAcrossAKill() throws Exception {
    KilledDeploy killed = new KilledDeploy(data, work, KilledDeploy.plan("left-out-crash-test",
        "max_failed_nodes: 1",
        "run: echo \"$QS_JOB_ID first\" >> \"$qs_root/state/history\""));
    try (Fleet fleet = new Fleet(2, 86)) {
      killed.configure(fleet, Fleet.smallTopology(1, 2));
      fleet.node(2).stop();

      String jobId = killed.killInSecondStep(fleet);

      try (QingStorCore core = killed.open()) {
        JobInfo crashed = core.getDeployQingStorStatus(jobId);
        assertThat(crashed.status()).isEqualTo("failed");
        assertThat(crashed.error()).as("n-2 ran nothing to look for").isEqualTo(
            "interrupted by restart");
        assertThat(crashed.failedNodes()).containsExactly("n-2");
        assertThat(NodeJobs.describe(core, "n-2").failed().jobId()).isEqualTo(jobId);

        String resumed = core.deployQingStor(new DeployQingStorRequest(null, null), "admin")
            .jobId();
        assertThat(core.awaitIdle(KilledDeploy.WAIT)).isTrue();

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
