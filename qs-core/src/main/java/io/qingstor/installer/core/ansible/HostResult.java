package io.qingstor.installer.core.ansible;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.exec.Outcome;

/**
 * How a playbook run ended on one host.
 *
 * @param why what went wrong, naming the task; a short summary when it succeeded
 */
public record HostResult(Outcome outcome, String why) {
  public HostResult {
    requireNonNull(outcome, "outcome");
    requireNonNull(why, "why");
  }

  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED;
  }
}
