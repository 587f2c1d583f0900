package io.qingstor.installer.server.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the requests in progress (running or queued for a thread) and closes for shutdown: once
 * closed it admits nothing, and {@link #awaitIdle} waits for the admitted ones to finish. A
 * reserve of places beyond the capacity is kept for priority requests (from addresses that
 * authenticated recently), so a crowd of others cannot fill every place; two ordinary requests
 * racing for the last ordinary place may take one reserved place between them. Thread-safe.
 */
public final class RequestGate {
  /** The outcome of {@link #tryEnter()}. */
  public enum Admission {
    /** The request may proceed; call {@link #exit()} when it ends. */
    ADMITTED,
    /** Too many requests are in progress. */
    BUSY,
    /** The server is shutting down. */
    CLOSED
  }

  private final int capacity;
  private final int reserve;
  private final Semaphore permits;
  private volatile boolean closed;
  private volatile boolean drained;

  /**
   * Creates a gate admitting at most {@code capacity} requests at once.
   *
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  public RequestGate(int capacity) {
    this(capacity, 0);
  }

  /**
   * Creates a gate admitting at most {@code capacity} requests at once, and {@code reserve} more
   * priority requests.
   *
   * @throws IllegalArgumentException if {@code capacity < 1} or {@code reserve < 0}
   */
  public RequestGate(int capacity, int reserve) {
    if (capacity < 1 || reserve < 0) {
      throw new IllegalArgumentException("capacity must be >= 1 and reserve >= 0, were "
          + capacity + " and " + reserve);
    }
    this.capacity = capacity + reserve;
    this.reserve = reserve;
    this.permits = new Semaphore(this.capacity);
  }

  /** Admits an ordinary request if the gate is open and has room outside the reserve. */
  public Admission tryEnter() {
    return tryEnter(false);
  }

  /** Admits a request if the gate is open and has room; a priority one may use the reserve. */
  public Admission tryEnter(boolean priority) {
    if (closed) {
      return Admission.CLOSED;
    }
    if (!priority && permits.availablePermits() <= reserve || !permits.tryAcquire()) {
      return closed ? Admission.CLOSED : Admission.BUSY;
    }
    return Admission.ADMITTED;
  }

  /** Ends an admitted request. */
  public void exit() {
    permits.release();
  }

  /** Returns the number of requests in progress. */
  public int active() {
    return drained ? 0 : capacity - permits.availablePermits();
  }

  /** Returns whether the gate is closed. */
  public boolean isClosed() {
    return closed;
  }

  /** Admits nothing from now on. */
  public void close() {
    closed = true;
  }

  /**
   * Waits until every admitted request has ended; call after {@link #close()}.
   *
   * @return whether that happened within {@code timeout}
   * @throws InterruptedException if interrupted while waiting
   */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    // Holding every permit means no request is in progress, and none can start.
    if (drained) {
      return true;
    }
    drained = permits.tryAcquire(capacity, timeout.toMillis(), TimeUnit.MILLISECONDS);
    return drained;
  }
}
