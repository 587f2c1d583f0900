package io.qingstor.installer.server.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code PASSWORD} a client presents: the lowercase hex SHA-256 of the UTF-8 password, as the
 * SDK computes it and as {@code printf %s "$pw" | sha256sum} prints it.
 */
public final class PasswordHashes {
  /** Length of a presented password: 32 bytes of SHA-256 in hex. */
  public static final int PRESENTED_LENGTH = 64;

  private PasswordHashes() {}

  /**
   * Returns the lowercase hex SHA-256 of the UTF-8 bytes of {@code plain}.
   *
   * @throws NullPointerException if {@code plain} is null
   */
  public static String sha256Hex(String plain) {
    requireNonNull(plain, "plain");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(plain.getBytes(UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  /**
   * Returns {@code presented} in canonical form (lowercase) if it has the shape of a presented
   * password, 64 hex digits of either case; otherwise, including for null, returns empty.
   */
  public static Optional<String> canonical(String presented) {
    // A loop, not a regex: this runs on every request, and a 64-character class match was a
    // tenth of a cached status poll's CPU.
    if (presented == null || presented.length() != PRESENTED_LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < PRESENTED_LENGTH; i++) {
      char c = presented.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return Optional.empty();
      }
    }
    return Optional.of(presented.toLowerCase(Locale.ROOT));
  }

  /**
   * Returns {@code presented} in canonical form (lowercase).
   *
   * @throws IllegalArgumentException if it is not 64 hex digits (the message never repeats it)
   * @throws NullPointerException if it is null
   */
  static String requireCanonical(String presented) {
    requireNonNull(presented, "presentedPassword");
    return canonical(presented)
        .orElseThrow(() -> new IllegalArgumentException(
            "presented password must be " + PRESENTED_LENGTH
                + " hex digits (the SHA-256 of the password)"));
  }
}
