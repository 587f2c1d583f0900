package io.qingstor.installer.api.model;

import java.util.List;

/**
 * One step's page of log lines. {@code next_offset} is the offset to ask for next when tailing;
 * {@code total_lines} is how many lines the step has so far.
 */
public record StepLog(
    String title, String status, List<LogLine> lines, Long nextOffset, Long totalLines) {
  public StepLog {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
