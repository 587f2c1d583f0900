package io.qingstor.installer.server.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers successful verifications for a short time so that a client polling a status pays an
 * HMAC (microseconds) instead of a PBKDF2 run. An entry is keyed by an HMAC, under a random
 * per-instance key, of (user id, verifier, presented password): the cache never holds the
 * password, and a changed password (hence a new verifier) or any other password cannot hit.
 * Entries expire a fixed TTL after {@link #remember} (a hit does not extend it); beyond {@code
 * maxEntries} the least recently used entry is dropped. Thread-safe.
 */
public final class VerificationCache {
  /** A sensible bound for a server: far more than the concurrent clients of an installer. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  /** A sensible TTL: polling stays cheap, a revoked credential stops working within a minute. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

  private static final String HMAC = "HmacSHA256";

  private record Entry(String userId, Instant expiresAt) {}

  private final int maxEntries;
  private final Duration ttl;
  private final Clock clock;
  private final SecretKeySpec key;
  private final Map<String, Entry> entries;

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
   * Returns whether this exact (user, verifier, password) was remembered and has not expired.
   *
   * @throws NullPointerException if any argument is null
   */
  public boolean isVerified(String userId, String verifier, String presentedPassword) {
    String k = keyOf(userId, verifier, presentedPassword);
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
      return true;
    }
  }

  /**
   * Remembers that {@code presentedPassword} verified against {@code verifier} for {@code userId},
   * until the TTL elapses.
   *
   * @throws NullPointerException if any argument is null
   */
  public void remember(String userId, String verifier, String presentedPassword) {
    String k = keyOf(userId, verifier, presentedPassword);
    Entry entry = new Entry(userId, clock.instant().plus(ttl));
    synchronized (entries) {
      entries.put(k, entry);
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
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      // Length-prefixed fields, so no two different triples encode to the same bytes.
      for (String field : new String[] {userId, verifier, presentedPassword}) {
        byte[] bytes = field.getBytes(UTF_8);
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        mac.update(bytes);
      }
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(HMAC + " is unavailable", e);
    }
  }
}
