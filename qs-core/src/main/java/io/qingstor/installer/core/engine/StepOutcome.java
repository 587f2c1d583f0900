package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.FailureClassifier;
import io.qingstor.installer.core.exec.Outcome;
import java.util.List;
import java.util.stream.Collectors;

/** How a step ended: the nodes that failed (empty on success), and whether it was cancelled. */
record StepOutcome(List<NodeFailure> failures, boolean cancelled) {
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
  }

  StepOutcome {
    failures = List.copyOf(failures);
  }

  /** The first failed node's diagnosis, which speaks for the step; null when none failed. */
  Diagnosis firstDiagnosis() {
    return failures.isEmpty() ? null : failures.get(0).diagnosis();
  }

  boolean succeeded() {
    return failures.isEmpty() && !cancelled;
  }

  /**
   * "failed on n-a (script_failed: exit 1: no such device), n-b (connection_lost: ...)": every
   * failed node up to {@link JobErrors#MAX_NAMED}, then how many more.
   */
  String summary() {
    return "failed on " + JobErrors.nodeList(failures.stream().map(NodeFailure::describe)
        .collect(Collectors.toList()));
  }
}
