package io.qingstor.installer.core.job;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One node's entry in a step's ledger.
 *
 * @param outcome how the node's command ended when it failed (null otherwise)
 * @param error why it failed, or why it was skipped when the job left it out (null otherwise)
 * @param succeededIn for a node skipped on resume: the job in which it completed this step
 * @param startTime when the node started the step (null before, and in records older than it)
 * @param endTime when the node finished the step (null until then)
 * @param diagnosis the failure's class and what to do, when the step's runner knew it
 */
public record NodeStep(String nodeId, NodeState state, Outcome outcome, String error,
    String succeededIn, Instant startTime, Instant endTime, Diagnosis diagnosis) {
  public NodeStep {
    requireNonNull(nodeId, "nodeId");
    requireNonNull(state, "state");
  }

  /** A node that has not started the step yet. */
  public static NodeStep pending(String nodeId) {
    return new NodeStep(nodeId, NodeState.PENDING, null, null, null, null, null, null);
  }

  /** A node a resumed job skips because {@code jobId} completed the step on it. */
  public static NodeStep carried(String nodeId, String jobId) {
    return new NodeStep(nodeId, NodeState.SKIPPED, null, null, requireNonNull(jobId, "jobId"),
        null, null, null);
  }

  /** A node the step skips because the job left it out ({@code why}); a resume runs it again. */
  public static NodeStep leftOut(String nodeId, String why) {
    return new NodeStep(nodeId, NodeState.SKIPPED, null, requireNonNull(why, "why"), null, null,
        null, null);
  }

  /** This node running, without a start time. */
  public NodeStep running() {
    return running(null);
  }

  /** This node running since {@code at}. */
  public NodeStep running(Instant at) {
    return new NodeStep(nodeId, NodeState.RUNNING, null, null, null, at, null, null);
  }

  /** This node done without error, without an end time. */
  public NodeStep succeeded() {
    return succeeded(null);
  }

  /** This node done without error at {@code at}. */
  public NodeStep succeeded(Instant at) {
    return new NodeStep(nodeId, NodeState.SUCCEEDED, null, null, null, startTime, at, null);
  }

  /** This node failed: how and why (no diagnosis, no end time: the job stopped it). */
  public NodeStep failed(Outcome how, String why) {
    return failed(how, why, null, null);
  }

  /** This node failed at {@code at}: how, why and, when known, its diagnosis. */
  public NodeStep failed(Outcome how, String why, Diagnosis diagnosis, Instant at) {
    return new NodeStep(nodeId, NodeState.FAILED, requireNonNull(how, "how"),
        requireNonNull(why, "why"), null, startTime, at, diagnosis);
  }

  /** How long the node took, when both its start and its end are known. */
  public Optional<Duration> took() {
    return startTime == null || endTime == null ? Optional.empty()
        : Optional.of(Duration.between(startTime, endTime));
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
