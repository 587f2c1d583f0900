package io.qingstor.installer.core.exec;

/**
 * Receives a command's output line by line, as it arrives (live logs).
 *
 * <p>Lines are decoded as UTF-8 and carry no line terminator; a final line without a newline
 * is delivered when the command ends. Calls for one command never overlap, but may come from
 * I/O threads, so an implementation should be quick and must not block on the command itself.
 */
@FunctionalInterface
public interface OutputListener {

  /** A listener that drops every line. */
  OutputListener DISCARD = (stream, line) -> { };

  /** Receives one line of output from {@code stream}. */
  void onLine(StreamKind stream, String line);
}
