package io.qingstor.installer.server.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts authentication failures per user id and locks an id out for {@code lockout} once it
 * reaches {@code maxFailures} failures, each less than {@code lockout} after the previous one.
 * When the lockout ends the count starts again from zero; a success clears it. Failures while
 * locked neither count nor extend the lockout. Memory is bounded: a record expires {@code
 * lockout} after its last change, and beyond {@code maxTrackedUsers} records the stalest one is
 * evicted, preferring unlocked records so a flood of random ids cannot lift a real lockout.
 * Thread-safe.
 */
public final class LoginThrottle {
  /** A sensible failure limit for a server. */
  public static final int DEFAULT_MAX_FAILURES = 5;

  /** A sensible lockout for a server. */
  public static final Duration DEFAULT_LOCKOUT = Duration.ofMinutes(5);

  /** The default bound on the number of user ids tracked at once. */
  public static final int DEFAULT_MAX_TRACKED_USERS = 10_000;

  /** Failures so far, the end of the lockout (null if not locked) and when the record lapses. */
  private record FailureRecord(int failures, Instant lockedUntil, Instant expiresAt) {
    boolean isLocked(Instant now) {
      return lockedUntil != null && now.isBefore(lockedUntil);
    }

    boolean isExpired(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }

  private final int maxFailures;
  private final Duration lockout;
  private final Clock clock;
  private final int maxTrackedUsers;
  // Insertion order is the order of last change, which is also expiry order: every record
  // lapses `lockout` after its last change.
  private final LinkedHashMap<String, FailureRecord> records = new LinkedHashMap<>();

  /**
   * Creates a throttle tracking at most {@link #DEFAULT_MAX_TRACKED_USERS} user ids.
   *
   * @throws IllegalArgumentException if {@code maxFailures < 1} or {@code lockout} is not positive
   * @throws NullPointerException if {@code lockout} or {@code clock} is null
   */
  public LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
    this(maxFailures, lockout, clock, DEFAULT_MAX_TRACKED_USERS);
  }

  /**
   * Creates a throttle tracking at most {@code maxTrackedUsers} user ids.
   *
   * @throws IllegalArgumentException if {@code maxFailures < 1}, {@code lockout} is not positive
   *     or {@code maxTrackedUsers < 1}
   * @throws NullPointerException if {@code lockout} or {@code clock} is null
   */
  public LoginThrottle(int maxFailures, Duration lockout, Clock clock, int maxTrackedUsers) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be >= 1, was " + maxFailures);
    }
    requireNonNull(lockout, "lockout");
    if (lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("lockout must be positive, was " + lockout);
    }
    if (maxTrackedUsers < 1) {
      throw new IllegalArgumentException("maxTrackedUsers must be >= 1, was " + maxTrackedUsers);
    }
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.clock = requireNonNull(clock, "clock");
    this.maxTrackedUsers = maxTrackedUsers;
  }

  /**
   * Returns whether {@code userId} is locked out now.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public synchronized boolean isLocked(String userId) {
    requireNonNull(userId, "userId");
    FailureRecord record = records.get(userId);
    if (record == null) {
      return false;
    }
    Instant now = clock.instant();
    if (record.isExpired(now)) {
      records.remove(userId);
      return false;
    }
    return record.isLocked(now);
  }

  /**
   * Counts one failure for {@code userId}, locking it out when the count reaches the limit.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public synchronized void recordFailure(String userId) {
    requireNonNull(userId, "userId");
    Instant now = clock.instant();
    FailureRecord previous = records.get(userId);
    if (previous != null && previous.isLocked(now)) {
      return;
    }
    int failures = previous == null || previous.isExpired(now) ? 1 : previous.failures() + 1;
    Instant expiresAt = now.plus(lockout);
    FailureRecord next = failures >= maxFailures
        ? new FailureRecord(0, expiresAt, expiresAt)
        : new FailureRecord(failures, null, expiresAt);
    records.remove(userId);
    makeRoom(now);
    records.put(userId, next);
  }

  /**
   * Clears the failures of {@code userId}.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public synchronized void recordSuccess(String userId) {
    records.remove(requireNonNull(userId, "userId"));
  }

  /** Returns the number of user ids currently tracked (for tests and metrics). */
  public synchronized int trackedUsers() {
    return records.size();
  }

  /** Frees one slot if the map is full: expired records first, then the stalest unlocked one. */
  private void makeRoom(Instant now) {
    Iterator<FailureRecord> expired = records.values().iterator();
    while (expired.hasNext() && expired.next().isExpired(now)) {
      expired.remove();
    }
    if (records.size() < maxTrackedUsers) {
      return;
    }
    Iterator<Map.Entry<String, FailureRecord>> stalest = records.entrySet().iterator();
    while (stalest.hasNext()) {
      if (!stalest.next().getValue().isLocked(now)) {
        stalest.remove();
        return;
      }
    }
    // Every tracked id is locked: the stalest lock is the one closest to ending anyway.
    records.remove(records.keySet().iterator().next());
  }
}
