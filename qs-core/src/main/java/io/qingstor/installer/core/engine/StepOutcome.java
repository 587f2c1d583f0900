package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.FailureClassifier;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.plan.FailureBudget;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a step ended: the nodes that failed (empty on success), whether the job was cancelled,
 * and the failure budget they are judged by ({@link FailureBudget#NONE}: none may fail) out of
 * the step's {@code targets} nodes.
 */
record StepOutcome(List<NodeFailure> failures, boolean cancelled, FailureBudget budget,
    int targets) {
  /** A node on which the step failed after its retries, why, and what to do. */
  record NodeFailure(String nodeId, Outcome outcome, String why, Diagnosis diagnosis) {
    /** A failure known only by its message (an upload, a fetch), diagnosed from it. */
    NodeFailure(String nodeId, Outcome outcome, String why) {
      this(nodeId, outcome, why, FailureClassifier.diagnose(outcome, why, nodeId));
    }

    /** "n-3 (auth_failed: unreachable: cannot connect ...)". */
    String describe() {
      return nodeId + " (" + diagnosis.reason().wireName() + ": " + why + ")";
    }

    boolean wasCancelled() {
      return outcome == Outcome.CANCELLED;
    }
  }

  StepOutcome {
    failures = List.copyOf(failures);
  }

  /** An outcome judged without a budget: any failure fails the step. */
  StepOutcome(List<NodeFailure> failures, boolean cancelled) {
    this(failures, cancelled, FailureBudget.NONE, 0);
  }

  /** The first failed node's diagnosis, which speaks for the step; null when none failed. */
  Diagnosis firstDiagnosis() {
    return failures.stream().filter(f -> !f.wasCancelled()).findFirst()
        .or(() -> failures.stream().findFirst()).map(NodeFailure::diagnosis).orElse(null);
  }

  /**
   * True when the job goes on: it was not cancelled, no node was cancelled, and no more nodes
   * failed than the budget allows.
   */
  boolean succeeded() {
    return !cancelled && failures.stream().noneMatch(NodeFailure::wasCancelled)
        && failures.size() <= budget.tolerated(targets);
  }

  /** The nodes the job goes on without: the failed ones of a step that succeeded. */
  List<NodeFailure> leftOut() {
    return succeeded() ? failures : List.of();
  }

  /**
   * "failed on n-a (script_failed: exit 1: no such device), n-b (connection_lost: ...)": every
   * failed node up to {@link JobErrors#MAX_NAMED}, then how many more; with a budget, how many
   * failed against it and which nodes were cancelled when it ran out.
   */
  String summary() {
    if (!budget.isSet()) {
      return "failed on " + list(failures);
    }
    List<NodeFailure> failed = failures.stream().filter(f -> !f.wasCancelled()).toList();
    List<NodeFailure> stopped = failures.stream().filter(NodeFailure::wasCancelled).toList();
    return "failed on " + list(failed) + ": " + failed.size() + " of " + targets
        + " target node(s) failed, over the step's failure budget (" + budget.describe(targets)
        + ")" + (stopped.isEmpty() ? "" : "; cancelled on " + JobErrors.nodeList(
            stopped.stream().map(NodeFailure::nodeId).toList()));
  }

  private static String list(List<NodeFailure> nodes) {
    return JobErrors.nodeList(nodes.stream().map(NodeFailure::describe)
        .collect(Collectors.toList()));
  }
}
