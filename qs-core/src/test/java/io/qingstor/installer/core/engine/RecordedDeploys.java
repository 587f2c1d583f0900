package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.plan.PlanLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Deploys on n-1..n-3 of a {@link Fleet} ({@link CoreFailuresTest#topology}) whose steps record
 * themselves ({@link #RECORD}) in each node's history file, for tests of what ran where: the
 * test gives the plan, then reads back each node's steps and the stored ledger. Holds one core
 * at a time, which {@link #close} closes (the fleet is the test's).
 */
final class RecordedDeploys implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);
  /** A step's shell line that appends "job-id step-name" to the node's history file. */
  static final String RECORD =
      "echo \"$QS_JOB_ID $QS_STEP_NAME\" >> \"$qs_root/state/history\"";
  private static final int NODES = 3;

  private final Fleet fleet;
  private final Path data;
  private QingStorCore core;

  RecordedDeploys(Fleet fleet, Path data) {
    this.fleet = fleet;
    this.data = data;
  }

  /** Gives each node an empty state directory: no history file, no {@code fail} flag. */
  void resetNodes() throws IOException {
    for (int i = 1; i <= NODES; i++) {
      Files.createDirectories(fleet.qsRoot(i).resolve("state"));
      Files.deleteIfExists(fleet.qsRoot(i).resolve("fail"));
      Files.deleteIfExists(fleet.qsRoot(i).resolve("state/history"));
    }
  }

  /** Opens a core on {@code plan} (plan file text), registers the nodes and configures them. */
  QingStorCore configure(String plan) throws InterruptedException {
    core = QingStorCore.builder().dataDir(data)
        .plan(PlanLoader.parse(plan, "recorded-deploys.yml")).build();
    fleet.register(core);
    core.configQingStor(CoreFailuresTest.topology(), "admin");
    assertThat(core.awaitIdle(WAIT)).isTrue();
    return core;
  }

  /** Deploys (a failed deploy resumes), waits for the job to end and returns its status. */
  JobInfo deploy() throws InterruptedException {
    String jobId = core.deployQingStor(new DeployQingStorRequest(null, null), "admin").jobId();
    assertThat(core.awaitIdle(WAIT)).isTrue();
    return core.getDeployQingStorStatus(jobId);
  }

  /** The steps job {@code jobId} ran on node {@code node}, in order, by name. */
  List<String> ran(int node, String jobId) throws IOException {
    return fleet.history(node).stream().filter(l -> l.startsWith(jobId + " "))
        .map(l -> l.substring(jobId.length() + 1)).toList();
  }

  /** Step {@code index} of a job, with its ledger, as the store holds it on disk. */
  StepRecord storedStep(String jobId, int index) {
    return NodeJobs.storedStep(core, jobId, index);
  }

  @Override
  public void close() {
    if (core != null) {
      core.close();
      core = null;
    }
  }
}
