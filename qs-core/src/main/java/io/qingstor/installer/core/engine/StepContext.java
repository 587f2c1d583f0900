package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.state.NodeRecord;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything a {@link StepKind} needs to run one step of one job.
 *
 * @param config the job's config; null for a collect_nodes job
 * @param nodes the step's target nodes in config order (empty for firstbox steps)
 * @param targets where the step runs with each node's variables and secrets (made on demand)
 */
record StepContext(JobRecord job, int index, PlanStep step, PlatformConfig config,
    List<NodeRecord> nodes, Supplier<List<StepTarget>> targets, Cancellation cancellation,
    JobLog log) {

  /** Logs an {@code info} line about the whole step. */
  void info(String text) {
    log.info(job.jobId(), index, text);
  }

  /** Logs a line about one node. */
  void log(String nodeId, String stream, String text) {
    log.append(job.jobId(), index, nodeId, stream, text);
  }
}
