package io.qingstor.installer.cli;

import io.qingstor.installer.api.model.LogLine;

/** How qsctl prints one job log line: the node it came from, then its text. */
final class LogLines {
  /** The name shown for lines the installer itself wrote (they name no node). */
  static final String INSTALLER = "installer";

  private LogLines() {}

  /** {@code node-3      | text}, or {@code installer | text} for the job's own lines. */
  static String format(LogLine line) {
    String node = line.node() == null ? INSTALLER : line.node();
    return String.format("%-12s| %s", node, line.text());
  }
}
