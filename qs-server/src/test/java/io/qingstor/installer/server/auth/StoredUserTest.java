package io.qingstor.installer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoredUserTest {
  private static final String VERIFIER = "pbkdf2-sha256$1000$c2FsdA==$aGFzaA==";

  @Test
  void toStringRedactsTheVerifier() {
    StoredUser user = new StoredUser("alice", Role.OPERATOR, VERIFIER);

    assertThat(user.toString())
        .contains("alice", "OPERATOR", "<redacted>")
        .doesNotContain(VERIFIER)
        .doesNotContain("c2FsdA==")
        .doesNotContain("aGFzaA==");
  }

  @Test
  void rejectsAMalformedUserId() {
    assertThatThrownBy(() -> new StoredUser("no spaces", Role.VIEWER, VERIFIER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("userId");
  }

  @Test
  void rejectsABlankVerifier() {
    assertThatThrownBy(() -> new StoredUser("alice", Role.VIEWER, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("verifier");
  }

  @Test
  void rejectsNullComponentsNamingThem() {
    assertThatThrownBy(() -> new StoredUser("alice", null, VERIFIER)).hasMessage("role");
    assertThatThrownBy(() -> new StoredUser("alice", Role.ADMIN, null)).hasMessage("verifier");
    assertThatThrownBy(() -> new Principal(null, Role.ADMIN)).hasMessage("userId");
  }
}
