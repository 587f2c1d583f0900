package io.qingstor.installer.core.nodes;

/**
 * Thrown by {@link FactsParser} when output is not facts.sh output or a line it knows is
 * malformed; the message names the line number and what was wrong.
 */
public final class FactsParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int lineNumber;

  /** A problem on line {@code lineNumber} (1-based). */
  public FactsParseException(int lineNumber, String problem) {
    super("facts output line " + lineNumber + ": " + problem);
    this.lineNumber = lineNumber;
  }

  /** The 1-based number of the line that was wrong. */
  public int lineNumber() {
    return lineNumber;
  }
}
