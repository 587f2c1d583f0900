package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

/**
 * Why a node failed and what to do about it, as the node's status, the job's error and the
 * step log show it.
 *
 * @param reason the class of the failure
 * @param hint one line saying what to do next, naming the node
 */
public record Diagnosis(FailureReason reason, String hint) {

  /** Validates the fields. */
  public Diagnosis {
    requireNonNull(reason, "reason");
    requireNonNull(hint, "hint");
  }

  /** The diagnosis of {@code reason} on node {@code nodeId}, with its standard hint. */
  public static Diagnosis of(FailureReason reason, String nodeId) {
    return new Diagnosis(reason, reason.hint(nodeId));
  }
}
