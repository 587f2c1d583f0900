package io.qingstor.installer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserIdsTest {
  @Test
  void acceptsLettersDigitsAndUnderscoreDotAtDash() {
    assertThat(UserIds.isValid("admin")).isTrue();
    assertThat(UserIds.isValid("ops.team_1@example-corp")).isTrue();
    assertThat(UserIds.isValid("a".repeat(64))).isTrue();
  }

  @Test
  void rejectsEmptyTooLongOtherCharactersAndNull() {
    assertThat(UserIds.isValid("")).isFalse();
    assertThat(UserIds.isValid("a".repeat(65))).isFalse();
    assertThat(UserIds.isValid("ad min")).isFalse();
    assertThat(UserIds.isValid("admin\n")).isFalse();
    assertThat(UserIds.isValid("用户")).isFalse();
    assertThat(UserIds.isValid(null)).isFalse();
  }
}
