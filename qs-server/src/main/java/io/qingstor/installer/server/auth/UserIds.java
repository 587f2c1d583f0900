package io.qingstor.installer.server.auth;

import java.util.regex.Pattern;

/** The one rule for the shape of a {@code USER_ID}: 1 to 64 of {@code A-Z a-z 0-9 _ . @ -}. */
public final class UserIds {
  /** The pattern a whole user id must match. */
  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

  private UserIds() {}

  /** Returns whether {@code userId} is non-null and matches {@link #PATTERN}. */
  public static boolean isValid(String userId) {
    return userId != null && PATTERN.matcher(userId).matches();
  }
}
