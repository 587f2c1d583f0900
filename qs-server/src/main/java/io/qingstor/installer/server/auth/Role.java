package io.qingstor.installer.server.auth;

import java.util.Locale;
import java.util.Optional;

/** A user's role, spelled on the wire as {@code "admin"}, {@code "operator"} or {@code "viewer"}. */
public enum Role {
  ADMIN,
  OPERATOR,
  VIEWER;

  /** Returns the name used in requests and responses: the lowercase constant name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the role whose {@link #wireName()} is exactly {@code s}, or empty for null or any
   * other string (matching is case-sensitive, as on the wire).
   */
  public static Optional<Role> fromWire(String s) {
    for (Role role : values()) {
      if (role.wireName().equals(s)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
