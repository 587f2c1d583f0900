package io.qingstor.installer.server.auth;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Makes and checks self-describing password verifiers:
 * {@code "pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>"}, a PBKDF2-HMAC-SHA256 of the
 * presented password (see {@link PasswordHashes}) with a 16-byte random salt and a 32-byte hash.
 * Every method accepts the presented password in either hex case and uses it lowercased.
 * Thread-safe.
 */
public final class PasswordVerifiers {
  /** The iteration count for new verifiers: OWASP's recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** The largest iteration count accepted, so a corrupt verifier cannot stall a request. */
  public static final int MAX_ITERATIONS = 10_000_000;

  static final String SCHEME = "pbkdf2-sha256";
  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;

  /** Derives a hash from a presented password; a seam so tests can count PBKDF2 runs. */
  interface Derivation {
    byte[] derive(String password, byte[] salt, int iterations);
  }

  /** The real PBKDF2-HMAC-SHA256. */
  static final Derivation PBKDF2 = PasswordVerifiers::pbkdf2;

  /** Compares hashes in time independent of where they differ. */
  static final BiPredicate<byte[], byte[]> CONSTANT_TIME = MessageDigest::isEqual;

  private static final Pattern ITERATIONS = Pattern.compile("[1-9][0-9]{0,7}");

  private final int iterations;
  private final SecureRandom random;
  private final Derivation derivation;
  private final BiPredicate<byte[], byte[]> comparison;

  /**
   * Creates verifiers that use {@code iterations} for new verifiers and for {@link #burn}.
   *
   * @throws IllegalArgumentException if {@code iterations} is not within 1..{@link
   *     #MAX_ITERATIONS}
   * @throws NullPointerException if {@code random} is null
   */
  public PasswordVerifiers(int iterations, SecureRandom random) {
    this(iterations, random, PBKDF2, CONSTANT_TIME);
  }

  PasswordVerifiers(int iterations, SecureRandom random, Derivation derivation,
      BiPredicate<byte[], byte[]> comparison) {
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "iterations must be within 1.." + MAX_ITERATIONS + ", was " + iterations);
    }
    this.iterations = iterations;
    this.random = requireNonNull(random, "random");
    this.derivation = requireNonNull(derivation, "derivation");
    this.comparison = requireNonNull(comparison, "comparison");
  }

  /** Returns the iteration count used for new verifiers. */
  public int iterations() {
    return iterations;
  }

  /** Returns the hash comparison in use (for tests: the public constructor's is constant-time). */
  BiPredicate<byte[], byte[]> comparison() {
    return comparison;
  }

  /**
   * Returns a new verifier of {@code presentedPassword} with a fresh random salt.
   *
   * @throws IllegalArgumentException if the password is not 64 hex digits
   * @throws NullPointerException if it is null
   */
  public String create(String presentedPassword) {
    String presented = PasswordHashes.requireCanonical(presentedPassword);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derivation.derive(presented, salt, iterations);
    Base64.Encoder base64 = Base64.getEncoder();
    return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
        + base64.encodeToString(hash);
  }

  /**
   * Returns whether {@code presentedPassword} is the one {@code verifier} was made from. Uses the
   * iterations written in the verifier and always compares the full hashes in constant time.
   *
   * @throws IllegalArgumentException if the verifier is malformed (the message says which part,
   *     never its content) or the password is not 64 hex digits
   * @throws NullPointerException if either argument is null
   */
  public boolean matches(String presentedPassword, String verifier) {
    String presented = PasswordHashes.requireCanonical(presentedPassword);
    Parsed parsed = parse(requireNonNull(verifier, "verifier"));
    byte[] actual = derivation.derive(presented, parsed.salt(), parsed.iterations());
    return comparison.test(parsed.hash(), actual);
  }

  /**
   * Runs one full-cost hash of {@code presentedPassword} and discards it, so that rejecting an
   * unknown or locked user takes as long as rejecting a wrong password.
   *
   * @throws IllegalArgumentException if the password is not 64 hex digits
   * @throws NullPointerException if it is null
   */
  public void burn(String presentedPassword) {
    String presented = PasswordHashes.requireCanonical(presentedPassword);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    derivation.derive(presented, salt, iterations);
  }

  private record Parsed(int iterations, byte[] salt, byte[] hash) {}

  private static Parsed parse(String verifier) {
    String[] fields = verifier.split("\\$", -1);
    if (fields.length != 4) {
      throw malformed("expected 4 '$'-separated fields, found " + fields.length);
    }
    if (!SCHEME.equals(fields[0])) {
      throw malformed("scheme is not " + SCHEME);
    }
    if (!ITERATIONS.matcher(fields[1]).matches()
        || Integer.parseInt(fields[1]) > MAX_ITERATIONS) {
      throw malformed("iterations must be an integer within 1.." + MAX_ITERATIONS);
    }
    byte[] salt = decode(fields[2], "salt", SALT_BYTES);
    byte[] hash = decode(fields[3], "hash", HASH_BYTES);
    return new Parsed(Integer.parseInt(fields[1]), salt, hash);
  }

  private static byte[] decode(String field, String name, int expectedBytes) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(field);
    } catch (IllegalArgumentException e) {
      throw malformed(name + " is not valid base64");
    }
    if (bytes.length != expectedBytes) {
      throw malformed(name + " must be " + expectedBytes + " bytes, was " + bytes.length);
    }
    return bytes;
  }

  private static IllegalArgumentException malformed(String detail) {
    return new IllegalArgumentException("malformed password verifier: " + detail);
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    char[] chars = password.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }
}
