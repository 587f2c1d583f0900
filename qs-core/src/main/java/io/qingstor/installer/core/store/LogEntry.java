package io.qingstor.installer.core.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * One line of a step log. {@code node} may be null for job-level lines; {@code stream} is one of
 * {@link #STDOUT}, {@link #STDERR}, {@link #INFO}, {@link #ERROR}; {@code text} is arbitrary
 * (command output), single- or multi-line.
 *
 * @param time when the line was produced
 * @param node the node id the line came from, or null for a job-level line; non-empty, at most
 *     {@value #MAX_NODE_LENGTH} characters, no control characters, and not {@code "-"} (which
 *     the log file uses for "no node")
 * @param stream where the line came from
 * @param text the line's text; a text whose encoding exceeds 64 KiB is truncated when stored
 */
public record LogEntry(Instant time, String node, String stream, String text) {

  /** A remote command's standard output. */
  public static final String STDOUT = "stdout";
  /** A remote command's standard error. */
  public static final String STDERR = "stderr";
  /** A progress message from the installer itself. */
  public static final String INFO = "info";
  /** A failure reported by the installer itself. */
  public static final String ERROR = "error";

  /** The longest node id a log line accepts. */
  public static final int MAX_NODE_LENGTH = 256;

  static final Set<String> STREAMS = Set.of(STDOUT, STDERR, INFO, ERROR);
  static final String NO_NODE = "-";

  /**
   * Validates the entry.
   *
   * @throws NullPointerException if {@code time}, {@code stream} or {@code text} is null
   * @throws IllegalArgumentException if {@code stream} is unknown or {@code node} is invalid
   */
  public LogEntry {
    requireNonNull(time, "time");
    requireNonNull(stream, "stream");
    requireNonNull(text, "text");
    if (!STREAMS.contains(stream)) {
      throw new IllegalArgumentException("stream must be one of stdout, stderr, info, error: " + stream);
    }
    if (node != null) {
      checkNode(node);
    }
  }

  private static void checkNode(String node) {
    if (node.isEmpty() || node.length() > MAX_NODE_LENGTH || node.equals(NO_NODE)
        || node.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("node must be 1-" + MAX_NODE_LENGTH
          + " characters without tabs or control characters, and not \"-\": " + node.replace('\t', ' '));
    }
  }
}
