package io.qingstor.installer.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a while: between retries and between a waiter's polls. A seam so that tests (the
 * SDK's and an embedder's) can record the delays instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Blocks the calling thread for the duration.
   *
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /** The real sleeper: {@link TimeUnit#sleep}. */
  static Sleeper system() {
    return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
  }
}
