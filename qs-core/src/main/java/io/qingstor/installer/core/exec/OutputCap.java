package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;

/**
 * Passes a command's output on until it reaches {@code maxBytes}, then passes one marker line
 * and drops the rest, and completes {@link #exceeded()} so the command is stopped and fails:
 * a node printing without end fills neither memory nor the step log. Lines arrive already cut
 * at {@link LineSplitter#MAX_LINE_BYTES}. Calls never overlap (the caller serialises them).
 */
final class OutputCap implements OutputListener {
  /** The default bound of one command's output on one node: 64 MiB. */
  static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  private final OutputListener delegate;
  private final long maxBytes;
  private final CompletableFuture<Void> exceeded = new CompletableFuture<>();
  private long bytes;

  OutputCap(OutputListener delegate, long maxBytes) {
    this.delegate = requireNonNull(delegate, "delegate");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be >= 1, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** Completes once the output passed the bound. */
  CompletableFuture<Void> exceeded() {
    return exceeded;
  }

  /** Why the command failed, for its result. */
  String reason() {
    return "output exceeded " + Durations.bytes(maxBytes) + "; the command was stopped";
  }

  @Override
  public synchronized void onLine(StreamKind stream, String line) {
    if (exceeded.isDone()) {
      return;
    }
    bytes += line.length() + 1L; // characters: a cheap bound on what the log will hold
    if (bytes > maxBytes) {
      delegate.onLine(StreamKind.STDERR, "[output cut: more than " + Durations.bytes(maxBytes)
          + " from this node; the rest is dropped and the command stopped]");
      exceeded.complete(null);
      return;
    }
    delegate.onLine(stream, line);
  }
}
