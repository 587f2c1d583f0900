package io.qingstor.installer.server.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers successful verifications so that a client polling a status pays an HMAC
 * (microseconds) instead of a PBKDF2 run. An entry is keyed by an HMAC, under a random
 * per-instance key, of (user id, verifier, presented password): the cache never holds the
 * password, and a changed password (hence a new verifier) or any other password cannot hit.
 * An entry expires once it has not been used for the TTL (every hit extends it); beyond {@code
 * maxEntries} the least recently used entry is dropped. Thread-safe.
 *
 * <p>Why a used entry never needs verifying again: that a password matches a verifier is a fact
 * about the two values, which a second PBKDF2 run could only repeat. What revokes a credential
 * changes the key instead: a new password gives a new verifier, a deleted user is not found
 * before the cache is asked, and both {@link #forget} the user's entries. (An earlier version
 * re-verified every entry once a minute in the background; on a 2-core machine that PBKDF2 run
 * took a core for ~0.2 s and was the whole tail of status polling's latency.)
 *
 * <p>When the entry is gone, concurrent requests with the same triple wait for one verification
 * instead of each running one (16 request threads each hashing at once stalled the server for a
 * second). Only a success is shared: a waiter whose leader failed runs its own verification, so a
 * wrong password costs every request a full hash.
 */
public final class VerificationCache {
  /** A sensible bound for a server: far more than the concurrent clients of an installer. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  /** A sensible idle TTL: a client polling at least once a minute never pays a hashing again. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

  private static final String HMAC = "HmacSHA256";

  private record Entry(String userId, Instant expiresAt) {}

  private final int maxEntries;
  private final Duration ttl;
  private final Clock clock;
  private final SecretKeySpec key;
  /**
   * One initialised HMAC per thread: {@code Mac.getInstance} walks the providers on every call,
   * which was half the cost of a cached authentication; a Mac resets itself after doFinal and
   * keeps its key, but is not thread-safe, hence one per thread.
   */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
  private final Map<String, Entry> entries;
  private final Map<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();

  /**
   * Creates an empty cache with a fresh random HMAC key.
   *
   * @throws IllegalArgumentException if {@code maxEntries < 1} or {@code ttl} is not positive
   * @throws NullPointerException if {@code ttl} or {@code clock} is null
   */
  public VerificationCache(int maxEntries, Duration ttl, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
    }
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    this.maxEntries = maxEntries;
    this.ttl = ttl;
    this.clock = requireNonNull(clock, "clock");
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, HMAC);
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > VerificationCache.this.maxEntries;
      }
    };
  }

  /**
   * Returns whether this exact (user, verifier, password) was remembered and has not expired; a
   * hit extends the entry by the TTL.
   *
   * @throws NullPointerException if any argument is null
   */
  public boolean isVerified(String userId, String verifier, String presentedPassword) {
    return hit(keyOf(userId, verifier, presentedPassword));
  }

  /**
   * Remembers that {@code presentedPassword} verified against {@code verifier} for {@code userId},
   * until the entry goes unused for the TTL.
   *
   * @throws NullPointerException if any argument is null
   */
  public void remember(String userId, String verifier, String presentedPassword) {
    put(keyOf(userId, verifier, presentedPassword), userId);
  }

  /**
   * Returns whether {@code presentedPassword} verifies for {@code userId}: from the cache when it
   * can, else by running {@code verification} (a full verification against {@code verifier}) and
   * remembering a success. See the class comment for how concurrent callers share the work.
   *
   * @throws NullPointerException if any argument is null
   * @throws RuntimeException whatever {@code verification} throws
   */
  public boolean verify(String userId, String verifier, String presentedPassword,
      BooleanSupplier verification) {
    requireNonNull(verification, "verification");
    String k = keyOf(userId, verifier, presentedPassword);
    if (hit(k)) {
      return true;
    }
    CompletableFuture<Boolean> mine = new CompletableFuture<>();
    CompletableFuture<Boolean> leader = inFlight.putIfAbsent(k, mine);
    if (leader == null) {
      return runVerification(k, mine, userId, verification);
    }
    // Wait for the running verification; share its success, never its failure.
    return leader.join() || runVerification(k, null, userId, verification);
  }

  /** Runs a verification, remembers a success, and completes {@code mine} (if any) with it. */
  private boolean runVerification(String k, CompletableFuture<Boolean> mine, String userId,
      BooleanSupplier verification) {
    boolean verified = false;
    try {
      verified = verification.getAsBoolean();
      if (verified) {
        put(k, userId);
      }
      return verified;
    } finally {
      if (mine != null) {
        mine.complete(verified);
        inFlight.remove(k, mine);
      }
    }
  }

  private void put(String k, String userId) {
    Entry entry = new Entry(userId, clock.instant().plus(ttl));
    synchronized (entries) {
      entries.put(k, entry);
    }
  }

  /** Returns whether {@code k} has an unexpired entry, extending it; drops an expired one. */
  private boolean hit(String k) {
    Instant now = clock.instant();
    synchronized (entries) {
      Entry entry = entries.get(k);
      if (entry == null) {
        return false;
      }
      if (!now.isBefore(entry.expiresAt())) {
        entries.remove(k);
        return false;
      }
      entries.put(k, new Entry(entry.userId(), now.plus(ttl)));
      return true;
    }
  }

  /**
   * Drops every entry of {@code userId}: call it when the user is deleted or changes password.
   *
   * @throws NullPointerException if {@code userId} is null
   */
  public void forget(String userId) {
    requireNonNull(userId, "userId");
    synchronized (entries) {
      entries.values().removeIf(entry -> entry.userId().equals(userId));
    }
  }

  /** Returns the number of unexpired entries, dropping expired ones first. */
  public int size() {
    Instant now = clock.instant();
    synchronized (entries) {
      entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
      return entries.size();
    }
  }

  private String keyOf(String userId, String verifier, String presentedPassword) {
    requireNonNull(userId, "userId");
    requireNonNull(verifier, "verifier");
    requireNonNull(presentedPassword, "presentedPassword");
    Mac mac = macs.get();
    // Length-prefixed fields, so no two different triples encode to the same bytes.
    for (String field : new String[] {userId, verifier, presentedPassword}) {
      byte[] bytes = field.getBytes(UTF_8);
      int length = bytes.length;
      mac.update((byte) (length >>> 24));
      mac.update((byte) (length >>> 16));
      mac.update((byte) (length >>> 8));
      mac.update((byte) length);
      mac.update(bytes);
    }
    return Base64.getEncoder().encodeToString(mac.doFinal());
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(HMAC + " is unavailable", e);
    }
  }
}
