package io.qingstor.installer.server.auth;

import static java.util.Objects.requireNonNull;

/** An authenticated caller: who it is and the role it acts with. */
public record Principal(String userId, Role role) {
  /** Validates that both components are present; throws {@link NullPointerException} if not. */
  public Principal {
    requireNonNull(userId, "userId");
    requireNonNull(role, "role");
  }
}
