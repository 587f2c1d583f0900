package io.qingstor.installer.core.nodes;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The rules for node ids: ids the installer generates ({@code n-} and 8 letters or digits)
 * and ids a client chooses (1-64 of {@code A-Z a-z 0-9 _ . -}, starting with a letter or a
 * digit, as an id may name a folder and an inventory host). Ids are case-sensitive.
 */
public final class NodeIds {
  /** The pattern every generated id matches. */
  public static final Pattern GENERATED = Pattern.compile("n-[A-Za-z0-9]{8}");

  /**
   * The pattern a client-chosen id must match: it starts with a letter or digit, so it never
   * reads as an option ({@code -o...}), a hidden file or {@code .}/{@code ..}, and it is a valid
   * Ansible inventory host name.
   */
  public static final Pattern CUSTOM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int RANDOM_CHARS = 8;

  private NodeIds() {}

  /** Generates a fresh id, {@code n-} and 8 characters drawn uniformly from {@code random}. */
  public static String generate(SecureRandom random) {
    requireNonNull(random, "random");
    StringBuilder id = new StringBuilder("n-");
    for (int i = 0; i < RANDOM_CHARS; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  /** Returns whether {@code id} is acceptable as a client-chosen node id. */
  public static boolean isValidCustom(String id) {
    return id != null && CUSTOM.matcher(id).matches();
  }
}
