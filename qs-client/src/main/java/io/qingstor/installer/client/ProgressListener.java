package io.qingstor.installer.client;

/**
 * Receives a waiter's view of a running job: each change of status or progress, and each new
 * log line exactly once. Called on the waiting thread; an exception it throws ends the wait and
 * reaches the waiter's caller.
 */
@FunctionalInterface
public interface ProgressListener {
  /** Called after a poll saw something new. */
  void onProgress(Progress progress);
}
