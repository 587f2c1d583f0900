package io.qingstor.installer.client.internal;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The protocol's password form: the lowercase hex SHA-256 of the UTF-8 password. Messages never
 * echo the value checked, since a caller may have passed a plain password by mistake.
 */
public final class PasswordHash {
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private PasswordHash() {}

  /** The lowercase hex SHA-256 of the UTF-8 bytes of {@code plain}. */
  public static String of(String plain) {
    requireNonNull(plain, "password");
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(plain.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Checks that {@code hex} is a SHA-256 in hex and returns it in lower case.
   *
   * @throws IllegalArgumentException naming {@code name} when it is not 64 hex digits
   */
  public static String require(String hex, String name) {
    requireNonNull(hex, name);
    if (!HEX_SHA256.matcher(hex).matches()) {
      throw new IllegalArgumentException(name + " must be the lowercase hex SHA-256 of the"
          + " password (64 hex digits); pass a plain password to the overload that hashes it");
    }
    return hex.toLowerCase(Locale.ROOT);
  }
}
