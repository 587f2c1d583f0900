package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.LeftOutNode;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import java.util.List;

/**
 * What a resumed job keeps of the failed job's step: the nodes on which that step completed
 * (there, or in the job it resumed in turn) are skipped; every other node runs it again. The
 * nodes the failed job went on without before that step stay left out.
 */
final class ResumedNodes {
  private ResumedNodes() {}

  /**
   * The nodes the failed job left out before {@code firstStep}, where its resume starts: they
   * missed those steps' work, so the resume goes on without them too. Empty without a failed job.
   */
  static List<LeftOutNode> leftOut(JobRecord failed, int firstStep) {
    return failed == null ? List.of()
        : failed.leftOut().stream().filter(n -> n.step() < firstStep).toList();
  }

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
