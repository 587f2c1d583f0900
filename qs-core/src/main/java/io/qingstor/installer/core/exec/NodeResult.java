package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

/**
 * The result of one node's command in a {@link FanOut}.
 *
 * @param target the node
 * @param result how its command ended
 */
public record NodeResult(NodeTarget target, CommandResult result) {

  /** Validates the fields. */
  public NodeResult {
    requireNonNull(target, "target");
    requireNonNull(result, "result");
  }

  /** Returns whether the node's command succeeded. */
  public boolean succeeded() {
    return result.succeeded();
  }
}
