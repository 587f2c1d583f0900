package io.qingstor.installer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.server.auth.AuthenticationException.Reason;
import org.junit.jupiter.api.Test;

class AuthenticationExceptionTest {
  @Test
  void everyReasonShowsTheSameMessage() {
    for (Reason reason : Reason.values()) {
      AuthenticationException e = new AuthenticationException(reason);

      assertThat(e.getMessage()).isEqualTo(AuthenticationException.MESSAGE);
      assertThat(e.reason()).isEqualTo(reason);
    }
  }
}
