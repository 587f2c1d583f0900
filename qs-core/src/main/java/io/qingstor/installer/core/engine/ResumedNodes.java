package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;

/**
 * What a resumed job keeps of the failed job's step: the nodes on which that step completed
 * (there, or in the job it resumed in turn) are skipped; every other node runs it again.
 */
final class ResumedNodes {
  private ResumedNodes() {}

  /**
   * The resumed step's record with the failed job's completed nodes carried; unchanged when
   * the failed job is unknown or its step at that place is another one (the plan changed).
   */
  static StepRecord carry(JobRecord failed, StepRecord resumed) {
    if (failed == null) {
      return resumed;
    }
    StepRecord before = failed.steps().stream().filter(s -> s.name().equals(resumed.name()))
        .findFirst().orElse(null);
    if (before == null) {
      return resumed;
    }
    StepRecord carried = resumed;
    for (NodeStep node : before.nodes()) {
      String completedIn = node.completedIn(failed.jobId());
      if (completedIn != null) {
        carried = carried.withNode(NodeStep.carried(node.nodeId(), completedIn));
      }
    }
    return carried;
  }
}
