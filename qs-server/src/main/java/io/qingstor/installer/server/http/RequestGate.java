package io.qingstor.installer.server.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the requests in progress (running or queued for a thread) and, separately, the requests
 * held without a thread until their answer is ready ({@code wait_seconds}); closes for shutdown:
 * once closed it admits nothing, and {@link #awaitIdle} waits for the admitted and the held ones
 * to finish. A reserve of places beyond the capacity is kept for priority requests (from addresses
 * that authenticated recently), so a crowd of others cannot fill every place; two ordinary
 * requests racing for the last ordinary place may take one reserved place between them.
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

  /** Held requests allowed by default: each costs a connection and a callback, no thread. */
  public static final int DEFAULT_HELD_CAPACITY = 10_000;

  private final int capacity;
  private final int reserve;
  private final Semaphore permits;
  private final int heldCapacity;
  private final Semaphore heldPermits;
  private volatile boolean closed;
  private volatile boolean drained;

  /**
   * Creates a gate admitting at most {@code capacity} requests at once.
   *
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  public RequestGate(int capacity) {
    this(capacity, DEFAULT_HELD_CAPACITY);
  }

  /**
   * Creates a gate admitting at most {@code capacity} requests and holding at most {@code
   * heldCapacity} more.
   *
   * @throws IllegalArgumentException if a capacity is below 1
   */
  public RequestGate(int capacity, int heldCapacity) {
    this(capacity, 0, heldCapacity);
  }

  /**
   * Creates a gate admitting at most {@code capacity} requests, {@code reserve} more priority
   * requests, and holding at most {@code heldCapacity} more.
   *
   * @throws IllegalArgumentException if a capacity is below 1 or the reserve below 0
   */
  public RequestGate(int capacity, int reserve, int heldCapacity) {
    if (capacity < 1 || heldCapacity < 1 || reserve < 0) {
      throw new IllegalArgumentException("capacities must be >= 1 and the reserve >= 0, were "
          + capacity + ", " + heldCapacity + " and " + reserve);
    }
    this.capacity = capacity + reserve;
    this.reserve = reserve;
    this.permits = new Semaphore(this.capacity);
    this.heldCapacity = heldCapacity;
    this.heldPermits = new Semaphore(heldCapacity);
  }

  /** Takes a held place for an admitted request about to give its place back; false when full. */
  public boolean tryHold() {
    return heldPermits.tryAcquire();
  }

  /** Ends a held request (its answer was sent or its connection is gone). */
  public void exitHeld() {
    heldPermits.release();
  }

  /** Returns the number of requests held without a thread. */
  public int held() {
    return drained ? 0 : heldCapacity - heldPermits.availablePermits();
  }

  /** Admits a request if the gate is open and has room. */
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
   * Waits until every admitted and every held request has ended; call after {@link #close()}.
   *
   * @return whether that happened within {@code timeout}
   * @throws InterruptedException if interrupted while waiting
   */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    // Holding every permit means no request is in progress, and none can start.
    if (drained) {
      return true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!permits.tryAcquire(capacity, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    // Admitted requests no longer start held ones: what is held now is all there will be.
    if (!heldPermits.tryAcquire(heldCapacity, Math.max(0, deadline - System.nanoTime()),
        TimeUnit.NANOSECONDS)) {
      permits.release(capacity);
      return false;
    }
    drained = true;
    return true;
  }
}
