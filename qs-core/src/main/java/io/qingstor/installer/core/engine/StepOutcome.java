package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Outcome;
import java.util.List;
import java.util.stream.Collectors;

/** How a step ended: the nodes that failed (empty on success), and whether it was cancelled. */
record StepOutcome(List<NodeFailure> failures, boolean cancelled) {
  /** A node on which the step failed after its retries, and why. */
  record NodeFailure(String nodeId, Outcome outcome, String why) {
    String describe() {
      return nodeId + " (" + why + ")";
    }
  }

  StepOutcome {
    failures = List.copyOf(failures);
  }

  boolean succeeded() {
    return failures.isEmpty() && !cancelled;
  }

  /**
   * "failed on n-a (exit 1: no such device), n-b (unreachable: connection lost)": every failed
   * node up to {@link JobErrors#MAX_NAMED}, then how many more.
   */
  String summary() {
    return "failed on " + JobErrors.nodeList(failures.stream().map(NodeFailure::describe)
        .collect(Collectors.toList()));
  }
}
