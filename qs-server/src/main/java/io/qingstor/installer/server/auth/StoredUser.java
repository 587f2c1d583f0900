package io.qingstor.installer.server.auth;

import static java.util.Objects.requireNonNull;

/**
 * A user as the store keeps it: id, role and password verifier (see {@link PasswordVerifiers}).
 * {@link #toString()} never shows the verifier.
 */
public record StoredUser(String userId, Role role, String verifier) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if any component is null
   * @throws IllegalArgumentException if {@code userId} breaks {@link UserIds#PATTERN} or the
   *     verifier is blank
   */
  public StoredUser {
    requireNonNull(userId, "userId");
    requireNonNull(role, "role");
    requireNonNull(verifier, "verifier");
    if (!UserIds.isValid(userId)) {
      throw new IllegalArgumentException("userId must match " + UserIds.PATTERN.pattern());
    }
    if (verifier.isBlank()) {
      throw new IllegalArgumentException("verifier must not be blank");
    }
  }

  /** Returns the id and role; the verifier is redacted because it allows offline guessing. */
  @Override
  public String toString() {
    return "StoredUser[userId=" + userId + ", role=" + role + ", verifier=<redacted>]";
  }
}
