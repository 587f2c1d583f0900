package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

/** Why a node could not run a command before it started; becomes a {@link CommandResult}. */
final class NodeFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final Outcome outcome;

  NodeFailure(Outcome outcome, String detail) {
    super(requireNonNull(detail, "detail"), null, false, false);
    this.outcome = requireNonNull(outcome, "outcome");
  }

  static NodeFailure unreachable(String detail) {
    return new NodeFailure(Outcome.UNREACHABLE, detail);
  }

  Outcome outcome() {
    return outcome;
  }
}
