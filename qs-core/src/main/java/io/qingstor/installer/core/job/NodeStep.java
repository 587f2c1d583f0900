package io.qingstor.installer.core.job;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.exec.Outcome;

/**
 * One node's entry in a step's ledger.
 *
 * @param outcome how the node's command ended when it failed (null otherwise)
 * @param error why it failed, or why it was skipped when the job left it out (null otherwise)
 * @param succeededIn for a node skipped on resume: the job in which it completed this step
 */
public record NodeStep(String nodeId, NodeState state, Outcome outcome, String error,
    String succeededIn) {
  public NodeStep {
    requireNonNull(nodeId, "nodeId");
    requireNonNull(state, "state");
  }

  /** A node that has not started the step yet. */
  public static NodeStep pending(String nodeId) {
    return new NodeStep(nodeId, NodeState.PENDING, null, null, null);
  }

  /** A node a resumed job skips because {@code jobId} completed the step on it. */
  public static NodeStep carried(String nodeId, String jobId) {
    return new NodeStep(nodeId, NodeState.SKIPPED, null, null, requireNonNull(jobId, "jobId"));
  }

  /** A node the step skips because the job left it out ({@code why}); a resume runs it again. */
  public static NodeStep leftOut(String nodeId, String why) {
    return new NodeStep(nodeId, NodeState.SKIPPED, null, requireNonNull(why, "why"), null);
  }

  /** This node running. */
  public NodeStep running() {
    return new NodeStep(nodeId, NodeState.RUNNING, null, null, null);
  }

  /** This node done without error. */
  public NodeStep succeeded() {
    return new NodeStep(nodeId, NodeState.SUCCEEDED, null, null, null);
  }

  /** This node failed: how and why. */
  public NodeStep failed(Outcome how, String why) {
    return new NodeStep(nodeId, NodeState.FAILED, requireNonNull(how, "how"),
        requireNonNull(why, "why"), null);
  }

  /**
   * The job whose work on this node a resume may keep: this job when the node succeeded, the
   * original job when it was itself carried; null when the node must run again.
   */
  public String completedIn(String thisJob) {
    if (state == NodeState.SUCCEEDED) {
      return thisJob;
    }
    return state == NodeState.SKIPPED ? succeededIn : null;
  }
}
