package io.qingstor.installer.core.job;

import static java.util.Objects.requireNonNull;

/**
 * A node a job goes on without: it failed a step within that step's failure budget, or the step
 * skipped it as unreachable. Later steps of the job skip it.
 *
 * @param step the index of the step that left it out
 * @param stepName that step's plan name
 * @param reason the failure class ({@code connection_refused}...)
 * @param why what happened on the node
 */
public record LeftOutNode(String nodeId, int step, String stepName, String reason, String why) {
  public LeftOutNode {
    requireNonNull(nodeId, "nodeId");
    requireNonNull(stepName, "stepName");
    requireNonNull(reason, "reason");
    requireNonNull(why, "why");
  }

  /** "n-3 left out at step0 (push-config): connection_refused: ...". */
  public String warning() {
    return nodeId + " left out at step" + step + " (" + stepName + "): " + reason + ": " + why;
  }
}
