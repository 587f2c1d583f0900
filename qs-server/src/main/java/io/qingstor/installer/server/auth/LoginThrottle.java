package io.qingstor.installer.server.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts authentication failures per user id and client address, and locks that pair out for
 * {@code lockout} once it reaches {@code maxFailures} failures, each less than {@code lockout}
 * after the previous one: failures from one address never lock the user out for another. When
 * the lockout ends the count starts again from zero; a success clears it. Failures while locked
 * neither count nor extend the lockout.
 *
 * <p>A global cap bounds guessing from many addresses: once a user has {@code maxUserFailures}
 * failures from all addresses together within {@code lockout}, it is locked for every address
 * that has not authenticated as it successfully within {@code lockout} (so an admin already at
 * work stays in). {@link #unlock} clears a user's records (an admin reset its password, or the
 * user was deleted). Memory is bounded: a record expires {@code lockout} after its last change,
 * and beyond {@code maxTrackedUsers} records the stalest one is evicted, preferring unlocked
 * records so a flood of random ids cannot lift a real lockout. Thread-safe.
 */
public final class LoginThrottle {
  /** A sensible failure limit for a server. */
  public static final int DEFAULT_MAX_FAILURES = 5;

  /** A sensible lockout for a server. */
  public static final Duration DEFAULT_LOCKOUT = Duration.ofMinutes(5);

  /** The default bound on the number of user id and address pairs tracked at once. */
  public static final int DEFAULT_MAX_TRACKED_USERS = 10_000;

  /** A sensible global cap: failures for one user from all addresses within the lockout. */
  public static final int DEFAULT_MAX_USER_FAILURES = 100;

  /** The address used when the caller's is unknown. */
  public static final String UNKNOWN_SOURCE = "-";

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
  private final int maxUserFailures;
  /** Failures per user from all addresses: the global cap's count and when it lapses. */
  private final Map<String, FailureRecord> perUser = new LinkedHashMap<>();
  /** Until when each (user, address) that authenticated successfully is trusted. */
  private final Map<String, Instant> trusted = new LinkedHashMap<>();
  /** Until when each address that authenticated successfully, as anyone, is trusted. */
  private final Map<String, Instant> trustedSources = new LinkedHashMap<>();
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
    this.maxUserFailures = DEFAULT_MAX_USER_FAILURES;
  }

  private static String key(String userId, String source) {
    return requireNonNull(userId, "userId") + "\n" + requireNonNull(source, "source");
  }

  /**
   * Returns whether {@code userId} is locked out now for a caller at {@code source}.
   *
   * @throws NullPointerException if an argument is null
   */
  public synchronized boolean isLocked(String userId, String source) {
    Instant now = clock.instant();
    if (pairLocked(key(userId, source), now)) {
      return true;
    }
    FailureRecord all = perUser.get(userId);
    if (all == null || all.isExpired(now) || all.failures() < maxUserFailures) {
      return false;
    }
    Instant trustedUntil = trusted.get(key(userId, source));
    return trustedUntil == null || !now.isBefore(trustedUntil);
  }

  /**
   * Counts one failure for {@code userId} from {@code source}, locking the pair out when its
   * count reaches the limit, and counts it towards the user's global cap.
   *
   * @throws NullPointerException if an argument is null
   */
  public synchronized void recordFailure(String userId, String source) {
    Instant now = clock.instant();
    String key = key(userId, source);
    FailureRecord previous = records.get(key);
    if (previous != null && previous.isLocked(now)) {
      return;
    }
    int failures = previous == null || previous.isExpired(now) ? 1 : previous.failures() + 1;
    Instant expiresAt = now.plus(lockout);
    FailureRecord next = failures >= maxFailures
        ? new FailureRecord(0, expiresAt, expiresAt)
        : new FailureRecord(failures, null, expiresAt);
    records.remove(key);
    makeRoom(now);
    records.put(key, next);
    FailureRecord all = perUser.remove(userId);
    int total = all == null || all.isExpired(now) ? 1 : all.failures() + 1;
    perUser.put(userId, new FailureRecord(total, null, all == null || all.isExpired(now)
        ? expiresAt : all.expiresAt()));
    bound(perUser, now);
  }

  /**
   * Clears the failures of {@code userId} from {@code source} and trusts that pair for the
   * lockout period.
   *
   * @throws NullPointerException if an argument is null
   */
  public synchronized void recordSuccess(String userId, String source) {
    String key = key(userId, source);
    records.remove(key);
    trusted.remove(key);
    Instant until = clock.instant().plus(lockout);
    trusted.put(key, until);
    trustedSources.remove(source);
    trustedSources.put(source, until);
    while (trusted.size() > maxTrackedUsers) {
      trusted.remove(trusted.keySet().iterator().next());
    }
    while (trustedSources.size() > maxTrackedUsers) {
      trustedSources.remove(trustedSources.keySet().iterator().next());
    }
  }

  /**
   * Returns whether a caller at {@code source} authenticated successfully, as any user, within
   * the lockout period: the server gives such addresses priority when it is crowded.
   */
  public synchronized boolean isTrustedSource(String source) {
    Instant until = trustedSources.get(source);
    return until != null && clock.instant().isBefore(until);
  }

  /**
   * Lifts every lockout and failure count of {@code userId}, from every address.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public synchronized void unlock(String userId) {
    String prefix = requireNonNull(userId, "userId") + "\n";
    records.keySet().removeIf(k -> k.startsWith(prefix));
    perUser.remove(userId);
  }

  private boolean pairLocked(String key, Instant now) {
    FailureRecord record = records.get(key);
    if (record == null) {
      return false;
    }
    if (record.isExpired(now)) {
      records.remove(key);
      return false;
    }
    return record.isLocked(now);
  }

  /** Drops expired records, then the stalest, while {@code map} is over the bound. */
  private void bound(Map<String, FailureRecord> map, Instant now) {
    map.values().removeIf(r -> r.isExpired(now));
    while (map.size() > maxTrackedUsers) {
      map.remove(map.keySet().iterator().next());
    }
  }

  /** As {@link #isLocked(String, String)} for a caller at {@link #UNKNOWN_SOURCE}. */
  public boolean isLocked(String userId) {
    return isLocked(userId, UNKNOWN_SOURCE);
  }

  /** As {@link #recordFailure(String, String)} from {@link #UNKNOWN_SOURCE}. */
  public void recordFailure(String userId) {
    recordFailure(userId, UNKNOWN_SOURCE);
  }

  /** As {@link #recordSuccess(String, String)} from {@link #UNKNOWN_SOURCE}. */
  public void recordSuccess(String userId) {
    recordSuccess(userId, UNKNOWN_SOURCE);
  }

  /** Returns the number of (user id, address) pairs currently tracked (for tests and metrics). */
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
