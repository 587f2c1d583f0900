package io.qingstor.installer.core.state;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A user as persisted in {@code users.json}: the role name and the password verifier (never the
 * password or the PASSWORD hash itself). {@code toString} hides the verifier.
 */
public record UserRecord(
    String userId, String role, String verifier, Instant createTime, Instant updateTime) {
  public UserRecord {
    requireNonNull(userId, "userId");
    requireNonNull(role, "role");
    requireNonNull(verifier, "verifier");
  }

  @Override
  public String toString() {
    return "UserRecord[userId=" + userId + ", role=" + role + ", verifier=***]";
  }
}
