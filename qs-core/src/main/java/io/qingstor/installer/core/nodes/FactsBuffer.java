package io.qingstor.installer.core.nodes;

/**
 * One node's facts-script output as it arrives, kept up to {@link #MAX_CHARS}: a node printing
 * without end costs this much memory, not more. Whole lines only, so what is kept still parses;
 * the lines past the bound are counted and {@link FactsParser} reports them. Thread-safe.
 */
public final class FactsBuffer {
  /** The most output kept per node: real facts output is a few KiB. */
  public static final int MAX_CHARS = 1024 * 1024;

  private final StringBuilder text = new StringBuilder();
  private long droppedLines;

  /** Keeps {@code line} if it fits, else counts it as dropped, and every line after it. */
  public synchronized void appendLine(String line) {
    if (droppedLines == 0 && text.length() + line.length() + 1 <= MAX_CHARS) {
      text.append(line).append('\n');
    } else {
      droppedLines++;
    }
  }

  /** The output kept. */
  public synchronized String text() {
    return text.toString();
  }

  /** How many lines were not kept. */
  public synchronized long droppedLines() {
    return droppedLines;
  }
}
