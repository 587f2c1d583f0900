package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.FailureReason;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.LeftOutNode;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.plan.Targets;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.NodeRecord.NodeStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A step with a failure budget skips, before it runs, the target nodes an earlier command found
 * unreachable (status {@code unreachable}): they would only fail again, each after its connect
 * timeout. They count against the budget; when there are more than it allows, none is skipped
 * and they are tried like every node. A node that failed otherwise (a full disk, a failed script)
 * is tried: that is how a later job catches it up.
 */
final class UnreachableNodes {
  private final JobLog log;

  UnreachableNodes(JobLog log) {
    this.log = log;
  }

  /**
   * Leaves the skipped nodes out of the job, counts them against {@code budget}, logs a warning
   * for each, and returns them as the step's failures.
   */
  List<StepOutcome.NodeFailure> skip(JobLedger ledger, int index, PlanStep step,
      List<NodeRecord> nodes, StepBudget budget) {
    if (!step.budget().isSet()) {
      return List.of();
    }
    JobRecord job = ledger.current();
    List<NodeRecord> marked = nodes.stream()
        .filter(n -> n.status() == NodeStatus.UNREACHABLE
            && !StepLedger.handled(job, index, n.nodeId()))
        .toList();
    if (marked.isEmpty()) {
      return List.of();
    }
    String ids = String.join(", ", marked.stream().map(NodeRecord::nodeId).toList());
    if (marked.size() > budget.tolerated()) {
      log.info(job.jobId(), index, "warning: " + ids + " marked unreachable, more than the step's"
          + " failure budget (" + budget.describe() + ") lets it skip: trying them like every node");
      return List.of();
    }
    List<LeftOutNode> left = new ArrayList<>();
    List<StepOutcome.NodeFailure> failures = new ArrayList<>();
    for (NodeRecord node : marked) {
      Diagnosis diagnosis = node.failure() != null ? node.failure()
          : Diagnosis.of(FailureReason.HOST_UNREACHABLE, node.nodeId());
      String why = "skipped: marked unreachable by an earlier command ("
          + diagnosis.reason().wireName() + ")";
      log.append(job.jobId(), index, node.nodeId(), "error", "warning: " + why + "; within the"
          + " step's failure budget (" + budget.describe() + ") the job goes on without it. "
          + nextStep(step));
      left.add(new LeftOutNode(node.nodeId(), index, step.name(), diagnosis.reason().wireName(),
          why));
      failures.add(new StepOutcome.NodeFailure(node.nodeId(), Outcome.UNREACHABLE, why,
          diagnosis));
    }
    ledger.apply(j -> j.leaveOut(left));
    left.forEach(n -> budget.failed(n.nodeId()));
    return failures;
  }

  /** What the operator does about a skipped node: a removed one is not caught up by any job. */
  private static String nextStep(PlanStep step) {
    return step.targets() == Targets.REMOVED
        ? "The node is removed all the same: if it comes back, stop its services and clean its"
            + " qs_root by hand (docs/nodes.md), since no later job targets it"
        : "Once it is back, CollectNodes it: the next job that runs this step catches it up";
  }
}
