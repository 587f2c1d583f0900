package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.qingstor.installer.api.model.HostInfo;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobNodeStatus;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.job.NodeState;
import io.qingstor.installer.core.job.NodeStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step's failure budget on real SSH nodes, a dead node being a stopped server (its port
 * refuses): within the budget the job goes on without the failed nodes and ends successful
 * naming them, and the platform marks them failed; beyond it the job fails at once and the
 * nodes still running are cancelled; a resume after such a failure goes on from there.
 */
class FailureBudgetTest {
  @TempDir Path data;
  @TempDir Path shared;
  private Fleet fleet;
  private RecordedDeploys deploys;
  private QingStorCore core;

  @BeforeEach
  void startFleet() throws Exception {
    fleet = new Fleet(3, 74);
    deploys = new RecordedDeploys(fleet, data);
    deploys.resetNodes();
  }

  @AfterEach
  void stopAll() {
    deploys.close();
    fleet.close();
  }

  /** Configures n-1..n-3 with a deploy of two steps; the first has {@code budget}. */
  private void configure(String budget, String firstStepScript) throws Exception {
    core = deploys.configure(String.join("\n",
        "version: budget-test",
        "vars: {shared: '" + shared + "'}",
        "jobs:",
        "  config:",
        "    - {name: check, targets: all, run: 'true'}",
        "  deploy:",
        "    - name: first",
        "      targets: all",
        "      " + budget,
        "      run: |",
        "        " + RecordedDeploys.RECORD,
        firstStepScript.indent(8),
        "    - name: second",
        "      targets: all",
        "      run: |",
        "        " + RecordedDeploys.RECORD,
        ""));
  }

  @Test
  void aBudgetOfOneWithOneDeadNodeEndsSuccessfulAndNamesIt() throws Exception {
    configure("max_failed_nodes: 1", "");
    fleet.node(3).stop();

    JobInfo job = deploys.deploy();

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(job.failedNodes()).containsExactly("n-3");
    assertThat(job.warnings()).singleElement().asString()
        .startsWith("n-3 left out at step0 (first): connection_refused: ");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("running");
  }

  @Test
  void aSuccessfulJobThatWentOnWithoutANodeListsTheNodesOfThatStepFailedFirst()
      throws Exception {
    configure("max_failed_nodes: 1", "");
    fleet.node(3).stop();

    JobInfo job = deploys.deploy();

    assertThat(job.status()).as(job.error()).isEqualTo("successful");
    assertThat(job.nodeCounts()).containsExactly(Map.entry("failed", 1),
        Map.entry("succeeded", 2));
    assertThat(job.nodes()).extracting(JobNodeStatus::nodeId, JobNodeStatus::status,
        JobNodeStatus::step).containsExactly(tuple("n-3", "failed", "step0"),
        tuple("n-1", "succeeded", "step0"), tuple("n-2", "succeeded", "step0"));
    assertThat(job.nodes().get(0).reason()).isEqualTo("connection_refused");
  }

  @Test
  void laterStepsSkipANodeTheJobWentOnWithout() throws Exception {
    configure("max_failed_nodes: 1", "");
    fleet.node(3).stop();

    JobInfo job = deploys.deploy();

    assertThat(deploys.ran(1, job.jobId())).containsExactly("first", "second");
    assertThat(deploys.ran(2, job.jobId())).containsExactly("first", "second");
    assertThat(deploys.storedStep(job.jobId(), 0).node("n-3").orElseThrow().state())
        .isEqualTo(NodeState.FAILED);
    NodeStep skipped = deploys.storedStep(job.jobId(), 1).node("n-3").orElseThrow();
    assertThat(skipped.state()).isEqualTo(NodeState.SKIPPED);
    assertThat(skipped.error()).isEqualTo("skipped: the job goes on without this node since"
        + " step0 (first): connection_refused");
  }

  @Test
  void thePlatformMarksTheNodeFailedInDescribeNodesAndDescribeQingStor() throws Exception {
    configure("max_failed_nodes: 1", "");
    fleet.node(3).stop();

    JobInfo job = deploys.deploy();

    var mark = NodeJobs.describe(core, "n-3").failed();
    assertThat(mark.jobId()).isEqualTo(job.jobId());
    assertThat(mark.step()).isEqualTo("step0");
    assertThat(mark.stepName()).isEqualTo("first");
    assertThat(NodeJobs.describe(core, "n-1").failed()).isNull();
    assertThat(core.describeQingStor().qingstor().hosts())
        .extracting(HostInfo::nodeId, h -> h.failed() != null, HostInfo::status)
        .containsExactly(tuple("n-1", false, "deployed"), tuple("n-2", false, "deployed"),
            tuple("n-3", true, "unreachable"));
  }

  @Test
  void twoDeadNodesPassABudgetOfOneAndTheJobFailsCancellingTheRunningNode() throws Exception {
    // n-1 says it started, then runs for ten minutes; n-2 fails once n-1 runs; n-3 is dead.
    configure("max_failed_nodes: 1", String.join("\n",
        "case \"$QS_NODE_ID\" in",
        "  n-1) touch \"$shared/n-1-running\"; sleep 600; echo \"$QS_JOB_ID finished\""
            + " >> \"$qs_root/state/history\" ;;",
        "  n-2) i=0; while [ ! -e \"$shared/n-1-running\" ] && [ $i -lt 600 ]; do sleep 0.1;"
            + " i=$((i+1)); done; echo 'second failure' >&2; exit 1 ;;",
        "esac"));
    fleet.node(3).stop();

    JobInfo job = deploys.deploy();

    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.error()).startsWith("step0 (first) failed on ")
        .contains("n-2 (script_failed: exit 1: second failure)", "n-3 (connection_refused: ",
            "2 of 3 target node(s) failed, over the step's failure budget (max_failed_nodes 1);"
                + " cancelled on n-1");
    NodeStep n1 = deploys.storedStep(job.jobId(), 0).node("n-1").orElseThrow();
    assertThat(n1.state()).isEqualTo(NodeState.FAILED);
    assertThat(n1.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(deploys.ran(1, job.jobId())).containsExactly("first");
    assertThat(job.reason()).isNotEqualTo("cancelled");
    assertThat(core.describeQingStor().qingstor().status()).isEqualTo("deploy_failed");
  }

  @Test
  void aResumeAfterABudgetFailureRunsTheRestAndGoesOnWithoutTheNodeStillDead()
      throws Exception {
    configure("max_failed_nodes: 1", "");
    fleet.node(2).stop();
    fleet.node(3).stop();
    JobInfo failed = deploys.deploy();
    fleet.revive(2);

    JobInfo resumed = deploys.deploy();

    assertThat(failed.status()).isEqualTo("failed");
    assertThat(resumed.status()).as(resumed.error()).isEqualTo("successful");
    assertThat(resumed.failedNodes()).containsExactly("n-3");
    // Both n-2 and n-3 were marked unreachable: more than the budget lets the step skip, so
    // both were tried; n-2 is back, n-3 failed again within the budget.
    assertThat(resumed.warnings()).singleElement().asString().startsWith(
        "n-3 left out at step0 (first): connection_refused: cannot connect");
    assertThat(deploys.ran(2, resumed.jobId())).containsExactly("first", "second");
    // n-1 either completed the step before the budget ran out, or was cancelled: only then
    // does the resume run it there again.
    boolean n1Completed = deploys.storedStep(failed.jobId(), 0).node("n-1").orElseThrow().state()
        == NodeState.SUCCEEDED;
    assertThat(deploys.ran(1, resumed.jobId())).containsExactlyElementsOf(
        n1Completed ? List.of("second") : List.of("first", "second"));
    assertThat(deploys.storedStep(resumed.jobId(), 1).node("n-3").orElseThrow().state())
        .isEqualTo(NodeState.SKIPPED);
  }

  @Test
  void withoutABudgetOneDeadNodeStillFailsTheJob() throws Exception {
    configure("timeout: 60s", "");
    fleet.node(3).stop();

    JobInfo job = deploys.deploy();

    assertThat(job.status()).isEqualTo("failed");
    assertThat(job.error()).startsWith("step0 (first) failed on n-3 (connection_refused: ")
        .doesNotContain("budget");
    assertThat(job.failedNodes()).isNull();
  }
}
