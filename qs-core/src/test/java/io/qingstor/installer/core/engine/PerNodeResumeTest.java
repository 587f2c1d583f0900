package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.job.NodeState;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-node step ledger: each step records where every target node stands, durably, and a
 * resumed deploy runs the failed step only on the nodes where it did not complete (unless the
 * step says {@code rerun: all}), as the nodes' own history files show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerNodeResumeTest {
  private static final String FAIL_IF_FLAGGED =
      "if [ -e \"$qs_root/fail\" ]; then echo \"disk on fire\" >&2; exit 3; fi";

  @TempDir Path data;
  private Fleet fleet;
  private RecordedDeploys deploys;
  private QingStorCore core;

  @BeforeAll
  void startFleet() {
    fleet = new Fleet(3, 71);
  }

  @AfterAll
  void stopFleet() {
    fleet.close();
  }

  @BeforeEach
  void prepareNodes() throws Exception {
    deploys = new RecordedDeploys(fleet, data);
    deploys.resetNodes();
  }

  @AfterEach
  void closeCore() {
    deploys.close();
  }

  private void configure(String secondStepExtra) throws Exception {
    core = deploys.configure(String.join("\n",
        "version: ledger-test",
        "jobs:",
        "  config:",
        "    - {name: check, targets: all, run: 'true'}",
        "  deploy:",
        "    - name: first",
        "      targets: all",
        "      run: |",
        "        " + RecordedDeploys.RECORD,
        "    - name: second",
        "      targets: all",
        secondStepExtra,
        "      run: |",
        "        " + RecordedDeploys.RECORD,
        "        " + FAIL_IF_FLAGGED,
        "    - name: third",
        "      targets: all",
        "      run: |",
        "        " + RecordedDeploys.RECORD,
        ""));
  }

  /** How many times job {@code jobId} ran {@code step} on node {@code node}. */
  private long runs(int node, String jobId, String step) throws Exception {
    return deploys.ran(node, jobId).stream().filter(step::equals).count();
  }

  @Test
  void theLedgerRecordsEachNodesOutcomeDurably() throws Exception {
    configure("      timeout: 60s");
    Files.createFile(fleet.qsRoot(2).resolve("fail"));

    JobInfo failed = deploys.deploy();

    StepRecord second = deploys.storedStep(failed.jobId(), 1);
    assertThat(second.nodes()).extracting(NodeStep::nodeId, NodeStep::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("n-1", NodeState.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple("n-2", NodeState.FAILED),
            org.assertj.core.groups.Tuple.tuple("n-3", NodeState.SUCCEEDED));
    NodeStep n2 = second.node("n-2").orElseThrow();
    assertThat(n2.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(n2.error()).isEqualTo("exit 3: disk on fire");
    assertThat(deploys.storedStep(failed.jobId(), 2).nodes()).isEmpty();
  }

  @Test
  void aResumedStepRunsOnlyOnTheNodesThatDidNotSucceed() throws Exception {
    configure("      timeout: 60s");
    Files.createFile(fleet.qsRoot(2).resolve("fail"));
    JobInfo failed = deploys.deploy();
    Files.delete(fleet.qsRoot(2).resolve("fail"));

    JobInfo resumed = deploys.deploy();

    assertThat(resumed.status()).as(resumed.error()).isEqualTo("successful");
    assertThat(runs(1, resumed.jobId(), "second")).isZero();
    assertThat(runs(3, resumed.jobId(), "second")).isZero();
    assertThat(runs(2, resumed.jobId(), "second")).isEqualTo(1);
    for (int node = 1; node <= 3; node++) {
      assertThat(runs(node, resumed.jobId(), "third")).as("n-%d third", node).isEqualTo(1);
    }
    assertThat(deploys.storedStep(resumed.jobId(), 1).node("n-1").orElseThrow())
        .isEqualTo(NodeStep.carried("n-1", failed.jobId()));
    assertThat(core.getDeployQingStorLog(new JobLogRequest(resumed.jobId(), "step1", null, null))
        .log().get("step1").lines()).extracting(LogLine::node, LogLine::text)
        .contains(org.assertj.core.groups.Tuple.tuple("n-1",
            "skipped: completed on this node by job " + failed.jobId()));
  }

  @Test
  void aSecondResumeStillSkipsTheNodesTheFirstFailedJobCompleted() throws Exception {
    configure("      timeout: 60s");
    Files.createFile(fleet.qsRoot(2).resolve("fail"));
    JobInfo first = deploys.deploy();
    JobInfo second = deploys.deploy();
    Files.delete(fleet.qsRoot(2).resolve("fail"));

    JobInfo third = deploys.deploy();

    assertThat(second.status()).isEqualTo("failed");
    assertThat(third.status()).as(third.error()).isEqualTo("successful");
    assertThat(fleet.history(1)).filteredOn(l -> l.endsWith(" second"))
        .containsExactly(first.jobId() + " second");
    assertThat(fleet.history(2)).filteredOn(l -> l.endsWith(" second")).containsExactly(
        first.jobId() + " second", second.jobId() + " second", third.jobId() + " second");
    assertThat(deploys.storedStep(third.jobId(), 1).node("n-3").orElseThrow().succeededIn())
        .isEqualTo(first.jobId());
  }

  @Test
  void aStepThatSaysRerunAllRunsOnEveryNodeWhenResumed() throws Exception {
    configure("      rerun: all");
    Files.createFile(fleet.qsRoot(2).resolve("fail"));
    deploys.deploy();
    Files.delete(fleet.qsRoot(2).resolve("fail"));

    JobInfo resumed = deploys.deploy();

    assertThat(resumed.status()).as(resumed.error()).isEqualTo("successful");
    for (int node = 1; node <= 3; node++) {
      assertThat(runs(node, resumed.jobId(), "second")).as("n-%d second", node).isEqualTo(1);
    }
  }

  @Test
  void fromStepRunsTheStepOnEveryNode() throws Exception {
    configure("      timeout: 60s");
    Files.createFile(fleet.qsRoot(2).resolve("fail"));
    deploys.deploy();
    Files.delete(fleet.qsRoot(2).resolve("fail"));

    String again = core.deployQingStor(new DeployQingStorRequest(1, null), "admin").jobId();
    assertThat(core.awaitIdle(RecordedDeploys.WAIT)).isTrue();

    for (int node = 1; node <= 3; node++) {
      assertThat(runs(node, again, "second")).as("n-%d second", node).isEqualTo(1);
    }
  }
}
