package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How one command on one node ended.
 *
 * @param outcome the category of the ending
 * @param exitCode the script's exit status, or -1 when there is none
 * @param elapsed the wall-clock time from the call to its return
 * @param detail a human-readable reason; never contains a secret
 * @param reason why the command failed when the executor knows better than its outcome and
 *     exit code can tell (it could not connect or log in); null otherwise. {@link
 *     FailureClassifier#diagnose} fills in the rest.
 */
public record CommandResult(Outcome outcome, int exitCode, Duration elapsed, String detail,
    FailureReason reason) {

  /** Sentinel exit code for results without an exit status. */
  public static final int NO_EXIT_CODE = -1;

  /** Validates the fields. */
  public CommandResult {
    requireNonNull(outcome, "outcome");
    requireNonNull(elapsed, "elapsed");
    requireNonNull(detail, "detail");
    if (outcome == Outcome.SUCCEEDED && exitCode != 0) {
      throw new IllegalArgumentException("a succeeded command has exit code 0, not " + exitCode);
    }
    if (outcome == Outcome.SUCCEEDED && reason != null) {
      throw new IllegalArgumentException("a succeeded command has no failure reason");
    }
  }

  /** A result whose failure, if any, is classified from its outcome and exit code. */
  public CommandResult(Outcome outcome, int exitCode, Duration elapsed, String detail) {
    this(outcome, exitCode, elapsed, detail, null);
  }

  /** Returns whether the command succeeded. */
  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED;
  }

  /** Returns a result for a command that exited with {@code exitCode}. */
  static CommandResult exited(int exitCode, Duration elapsed) {
    Outcome outcome = exitCode == 0 ? Outcome.SUCCEEDED : Outcome.FAILED;
    return new CommandResult(outcome, exitCode, elapsed, "exit code " + exitCode);
  }

  /** Returns a result without an exit code. */
  static CommandResult of(Outcome outcome, Duration elapsed, String detail) {
    return new CommandResult(outcome, NO_EXIT_CODE, elapsed, detail);
  }

  /** Returns a result without an exit code, failed for a known reason. */
  static CommandResult of(Outcome outcome, Duration elapsed, String detail, FailureReason reason) {
    return new CommandResult(outcome, NO_EXIT_CODE, elapsed, detail, reason);
  }
}
