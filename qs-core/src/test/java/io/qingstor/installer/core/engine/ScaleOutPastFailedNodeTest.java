package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.AccessNodeAddition;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.PlanLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scale-out does not need every node (the built-in {@code files} plan's push-config takes
 * {@code max_failed_nodes: 1}): a node marked unreachable is skipped with a warning and marked
 * failed, and once it is back a later job pushes the env file to it again, as its own files show.
 */
class ScaleOutPastFailedNodeTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path data;
  private Fleet fleet;
  private QingStorCore core;

  @BeforeEach
  void deployOnThreeNodes() throws Exception {
    fleet = new Fleet(5, 80);
    core = QingStorCore.builder().dataDir(data).plan(PlanLoader.builtin("files")).build();
    fleet.register(core);
    core.configQingStor(Fleet.smallTopology(1, 2, 3), "admin");
    assertThat(core.awaitIdle(WAIT)).isTrue();
    String deploy = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    assertThat(core.getDeployQingStorStatus(deploy).status()).isEqualTo("successful");
  }

  @AfterEach
  void stopAll() {
    core.close();
    fleet.close();
  }

  private JobInfo scaleAccess(int node, String vip) throws InterruptedException {
    String jobId = core.scaleQingStorAccess(new ScaleQingStorAccessRequest(
        List.of(new AccessNodeAddition(Fleet.nodeId(node), vip)), null), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    return core.getDeployQingStorStatus(jobId);
  }

  /** n-3 dies and a CollectNodes finds it unreachable. */
  private void killAndMarkN3() throws InterruptedException {
    fleet.node(3).stop();
    assertThat(NodeJobs.collect(core, "n-3").status()).isEqualTo("failed");
    assertThat(NodeJobs.describe(core, "n-3").status()).isEqualTo("unreachable");
  }

  private String envFileOf(int node) throws Exception {
    return Files.readString(fleet.qsRoot(node).resolve("etc/qs_installer_env_config.yml"));
  }

  @Test
  void aScaleOutSkipsANodeMarkedUnreachableWithAWarningAndSucceeds() throws Exception {
    killAndMarkN3();

    JobInfo scale = scaleAccess(4, "127.0.100.16");

    assertThat(scale.status()).as(scale.error()).isEqualTo("successful");
    assertThat(scale.failedNodes()).containsExactly("n-3");
    assertThat(scale.warnings()).singleElement().asString()
        .startsWith("n-3 left out at step0 (push-config): connection_refused: skipped: marked"
            + " unreachable");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("running");
    assertThat(envFileOf(4)).contains(fleet.node(4).host());
    assertThat(envFileOf(3)).doesNotContain(fleet.node(4).host());
    assertThat(fleet.history(3)).noneMatch(line -> line.startsWith(scale.jobId()));
    assertThat(NodeJobs.describe(core, "n-3").failed().jobId()).isEqualTo(scale.jobId());
  }

  @Test
  void theNextScaleOutCatchesTheNodeUpOnceItIsBack() throws Exception {
    killAndMarkN3();
    JobInfo first = scaleAccess(4, "127.0.100.16");
    fleet.revive(3);
    assertThat(NodeJobs.collect(core, "n-3").status()).isEqualTo("successful");
    assertThat(NodeJobs.describe(core, "n-3").failed()).as("a collect does not push")
        .isNotNull();
    assertThat(NodeJobs.describe(core, "n-3").status()).as("it missed a push").isEqualTo("ready");

    JobInfo second = scaleAccess(5, "127.0.100.17");

    assertThat(first.failedNodes()).containsExactly("n-3");
    assertThat(second.status()).as(second.error()).isEqualTo("successful");
    assertThat(second.failedNodes()).isNull();
    assertThat(envFileOf(3)).contains(fleet.node(4).host(), fleet.node(5).host());
    assertThat(fleet.history(3)).contains(second.jobId() + " push-config");
    assertThat(NodeJobs.describe(core, "n-3").failed()).isNull();
    assertThat(NodeJobs.describe(core, "n-3").status()).isEqualTo("deployed");
  }

  @Test
  void twoNodesDownAreMoreThanTheScaleOutsBudgetAndItFails() throws Exception {
    fleet.node(2).stop();
    killAndMarkN3();

    JobInfo scale = scaleAccess(4, "127.0.100.16");

    assertThat(scale.status()).isEqualTo("failed");
    assertThat(scale.error()).startsWith("step0 (push-config) failed on ")
        .contains("over the step's failure budget (max_failed_nodes 1)");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("scale_failed");
  }
}
