package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;

/**
 * Takes the launcher's marker line (the process group id) off the front of stdout and passes
 * every other line on.
 *
 * <p>Only the first stdout line can be the marker, and its prefix carries a per-command nonce,
 * so a script cannot forge it for another command.
 */
final class PidMarker implements OutputListener {

  private final String prefix;
  private final OutputListener downstream;
  private final CompletableFuture<Long> pid = new CompletableFuture<>();
  private boolean firstLineSeen;

  PidMarker(String prefix, OutputListener downstream) {
    this.prefix = requireNonNull(prefix, "prefix");
    this.downstream = requireNonNull(downstream, "downstream");
  }

  /** Completes with the process group id, or with null if the marker never came. */
  CompletableFuture<Long> pid() {
    return pid;
  }

  @Override
  public void onLine(StreamKind stream, String line) {
    if (!firstLineSeen) {
      firstLineSeen = true;
      Long parsed = parse(line);
      pid.complete(parsed);
      if (parsed != null) {
        return;
      }
    }
    downstream.onLine(stream, line);
  }

  /** Records that stdout ended; a missing marker then resolves to null. */
  void streamEnded() {
    pid.complete(null);
  }

  private Long parse(String line) {
    if (!line.startsWith(prefix)) {
      return null;
    }
    try {
      long value = Long.parseLong(line.substring(prefix.length()).trim());
      return value > 1 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
