package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sorts every node failure into a {@link FailureReason}: from the executor's exception when it
 * could not connect or log in ({@link #ofConnectError}), else from the result's outcome, the
 * script's exit code and the last lines it wrote to stderr ({@link #diagnose}). The one place
 * that knows what an error looks like; stateless and thread-safe.
 */
public final class FailureClassifier {

  /** How many of the last stderr lines a caller should keep for {@link #diagnose}. */
  public static final int STDERR_TAIL_LINES = 20;

  /** Exit statuses a shell reports for a child killed by signal N: 128 + N. */
  private static final int FIRST_SIGNAL_STATUS = 129;
  private static final int LAST_SIGNAL_STATUS = 128 + 64;
  private static final int NOT_EXECUTABLE = 126;
  private static final int NOT_FOUND = 127;

  /** Checked in this order: the first class any stderr line matches wins. */
  private static final List<Rule> STDERR_RULES = List.of(
      new Rule(FailureReason.DISK_FULL,
          "no space left on device|disk quota exceeded|\\benospc\\b|file too large"),
      new Rule(FailureReason.SUDO_PASSWORD_REQUIRED,
          "sudo: a (terminal|password) is required|sudo: no tty present|sudo: .*password"),
      new Rule(FailureReason.COMMAND_NOT_FOUND, "command not found|: not found$"),
      new Rule(FailureReason.PERMISSION_DENIED,
          "permission denied|operation not permitted|read-only file system"
              + "|must be run as root|are you root"));

  private FailureClassifier() {
  }

  private record Rule(FailureReason reason, Pattern pattern) {
    Rule(FailureReason reason, String regex) {
      this(reason, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }
  }

  /**
   * The reason an SSH connection could not be opened, from its exception (or any in its cause
   * chain): refused, unreachable or timed out, or a name that does not resolve.
   */
  public static FailureReason ofConnectError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return FailureReason.DNS_FAILURE;
      }
      if (t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
          || t instanceof PortUnreachableException) {
        return FailureReason.HOST_UNREACHABLE;
      }
      if (t instanceof ConnectException) {
        return fromText(t.getMessage(), FailureReason.CONNECTION_REFUSED);
      }
    }
    return fromText(error == null ? null : Waits.message(error), FailureReason.CONNECTION_LOST);
  }

  /**
   * The diagnosis of a failed command on node {@code nodeId}.
   *
   * @param result how the command ended; not a success
   * @param stderrTail the last lines the command wrote to stderr, oldest first (may be empty)
   * @throws IllegalArgumentException if the command succeeded
   */
  public static Diagnosis diagnose(CommandResult result, List<String> stderrTail, String nodeId) {
    requireNonNull(stderrTail, "stderrTail");
    requireNonNull(nodeId, "nodeId");
    return Diagnosis.of(reasonOf(requireNonNull(result, "result"), stderrTail), nodeId);
  }

  /**
   * The diagnosis of work that failed with only a message to show (a file upload or fetch):
   * its outcome, and its message read as the last stderr line of a script that exited 1.
   */
  public static Diagnosis diagnose(Outcome outcome, String message, String nodeId) {
    requireNonNull(message, "message");
    int code = outcome == Outcome.FAILED ? 1 : CommandResult.NO_EXIT_CODE;
    return diagnose(new CommandResult(outcome, code, java.time.Duration.ZERO, message),
        List.of(message), nodeId);
  }

  private static FailureReason reasonOf(CommandResult result, List<String> stderrTail) {
    if (result.reason() != null) {
      return result.reason();
    }
    switch (result.outcome()) {
      case SUCCEEDED:
        throw new IllegalArgumentException("a command that succeeded has no failure reason");
      case TIMED_OUT:
        return FailureReason.STEP_TIMEOUT;
      case CANCELLED:
        return FailureReason.CANCELLED;
      case UNREACHABLE:
        return fromText(result.detail(), FailureReason.CONNECTION_LOST);
      default:
        return ofExit(result, stderrTail);
    }
  }

  private static FailureReason ofExit(CommandResult result, List<String> stderrTail) {
    int code = result.exitCode();
    if (code == CommandResult.NO_EXIT_CODE || (code >= FIRST_SIGNAL_STATUS && code <= LAST_SIGNAL_STATUS)) {
      return FailureReason.KILLED_BY_SIGNAL;
    }
    for (Rule rule : STDERR_RULES) {
      if (stderrTail.stream().anyMatch(line -> rule.pattern().matcher(line).find())) {
        return rule.reason();
      }
    }
    if (code == NOT_FOUND) {
      return FailureReason.COMMAND_NOT_FOUND;
    }
    return code == NOT_EXECUTABLE ? FailureReason.PERMISSION_DENIED : FailureReason.SCRIPT_FAILED;
  }

  /** For executors that only give a message (an embedder's own): the usual socket texts. */
  private static FailureReason fromText(String text, FailureReason otherwise) {
    String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
    if (lower.contains("connection refused")) {
      return FailureReason.CONNECTION_REFUSED;
    }
    if (lower.contains("no route to host") || lower.contains("network is unreachable")
        || lower.contains("timed out")) {
      return FailureReason.HOST_UNREACHABLE;
    }
    if (lower.contains("unknown host") || lower.contains("name or service not known")
        || lower.contains("unresolved")) {
      return FailureReason.DNS_FAILURE;
    }
    return otherwise;
  }
}
