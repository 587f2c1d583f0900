package io.qingstor.installer.server.auth;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * Bounds the full password hashings (PBKDF2 runs of a cache miss, dummy runs for unknown or
 * locked users) running at once, apart from the request threads: a flood of failing logins then
 * costs each request a refusal, not a hashing, and cached, authenticated traffic keeps its
 * threads. A request that finds no free slot is answered 5100 at once. Thread-safe.
 */
public final class HashingBudget {
  private final Semaphore slots;

  /**
   * Creates a budget of {@code concurrency} hashings at once.
   *
   * @throws IllegalArgumentException if {@code concurrency < 1}
   */
  public HashingBudget(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
    }
    this.slots = new Semaphore(concurrency);
  }

  /** A budget so large it never refuses (for tests and embedders without a flood to fear). */
  public static HashingBudget unbounded() {
    return new HashingBudget(Integer.MAX_VALUE);
  }

  /**
   * Runs {@code hashing} on a free slot, on the caller's thread.
   *
   * @throws QsApiException 5100 ServerBusy if no slot is free
   */
  public boolean runNow(BooleanSupplier hashing) {
    if (!slots.tryAcquire()) {
      throw new QsApiException(RetCode.SERVER_BUSY,
          "too many password verifications in progress; retry shortly");
    }
    try {
      return hashing.getAsBoolean();
    } finally {
      slots.release();
    }
  }
}
