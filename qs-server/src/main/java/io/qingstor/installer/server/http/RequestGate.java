package io.qingstor.installer.server.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the requests in progress (running or queued for a thread) and closes for shutdown: once
 * closed it admits nothing, and {@link #awaitIdle} waits for the admitted ones to finish.
 * Thread-safe.
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
  private final Semaphore permits;
  private volatile boolean closed;
  private volatile boolean drained;

  /**
   * Creates a gate admitting at most {@code capacity} requests at once.
   *
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  public RequestGate(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
    this.permits = new Semaphore(capacity);
  }

  /** Admits a request if the gate is open and has room. */
  public Admission tryEnter() {
    if (closed) {
      return Admission.CLOSED;
    }
    if (!permits.tryAcquire()) {
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
