package io.qingstor.installer.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies being buffered at once, all connections together. A body up to
 * {@link #FREE_BYTES} is received without asking: each connection carries at most one body, so
 * those are bounded by the connection limit. A larger one reserves its bytes here first, and is
 * refused when they do not fit, so a crowd of clients declaring large bodies and then stalling
 * cannot fill the heap. Thread-safe.
 */
final class BodyBudget {
  /** What any body may hold without a reservation: far above a status poll or a config. */
  static final int FREE_BYTES = 16 * 1024;

  private final long capacity;
  private final AtomicLong reserved = new AtomicLong();

  BodyBudget(long capacityBytes) {
    if (capacityBytes < 1) {
      throw new IllegalArgumentException("capacityBytes must be >= 1, was " + capacityBytes);
    }
    this.capacity = capacityBytes;
  }

  /** Reserves {@code bytes} if they fit; returns whether they did. */
  boolean tryReserve(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
    }
    long now;
    do {
      now = reserved.get();
      if (now + bytes > capacity) {
        return false;
      }
    } while (!reserved.compareAndSet(now, now + bytes));
    return true;
  }

  /** Gives back {@code bytes} reserved earlier. */
  void release(long bytes) {
    reserved.addAndGet(-bytes);
  }

  /** The bytes reserved now (for tests). */
  long reserved() {
    return reserved.get();
  }
}
