package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

/** Why a node could not run a command before it started; becomes a {@link CommandResult}. */
final class NodeFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final Outcome outcome;
  private final FailureReason reason;

  NodeFailure(Outcome outcome, String detail, FailureReason reason) {
    super(requireNonNull(detail, "detail"), null, false, false);
    this.outcome = requireNonNull(outcome, "outcome");
    this.reason = requireNonNull(reason, "reason");
  }

  /** The node could not be reached, or not logged in to, for {@code reason}. */
  static NodeFailure unreachable(String detail, FailureReason reason) {
    return new NodeFailure(Outcome.UNREACHABLE, detail, reason);
  }

  static NodeFailure cancelled(String detail) {
    return new NodeFailure(Outcome.CANCELLED, detail, FailureReason.CANCELLED);
  }

  Outcome outcome() {
    return outcome;
  }

  FailureReason reason() {
    return reason;
  }
}
