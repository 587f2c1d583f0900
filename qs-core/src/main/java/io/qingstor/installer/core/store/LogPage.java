package io.qingstor.installer.core.store;

import java.util.List;

/**
 * A page of a step log.
 *
 * @param lines the lines read, in order, starting at the requested offset
 * @param nextOffset the offset to ask for next: the requested offset plus {@code lines.size()},
 *     or {@code totalLines} when the request was past the end
 * @param totalLines the number of complete lines in the log when it was read
 */
public record LogPage(List<LogEntry> lines, long nextOffset, long totalLines) {

  /**
   * Copies the lines (null means none) and validates the counters.
   *
   * @throws IllegalArgumentException if a counter is negative
   */
  public LogPage {
    lines = lines == null ? List.of() : List.copyOf(lines);
    if (nextOffset < 0 || totalLines < 0) {
      throw new IllegalArgumentException("nextOffset and totalLines must be >= 0: " + nextOffset + ", " + totalLines);
    }
  }
}
