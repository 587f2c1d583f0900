package io.qingstor.installer.server.auth;

import java.util.regex.Pattern;

/** The one rule for the shape of a {@code USER_ID}: 1 to 64 of {@code A-Z a-z 0-9 _ . @ -}. */
public final class UserIds {
  /** The pattern a whole user id must match. */
  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

  private UserIds() {}

  /** Longest user id accepted. */
  static final int MAX_LENGTH = 64;

  /**
   * Returns whether {@code userId} is non-null and matches {@link #PATTERN}. A plain loop rather
   * than the pattern: every request checks its id several times, and the regex engine's
   * character-class matching was a tenth of a cached status poll's CPU.
   */
  public static boolean isValid(String userId) {
    if (userId == null || userId.isEmpty() || userId.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < userId.length(); i++) {
      if (!isIdChar(userId.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '@' || c == '-';
  }
}
