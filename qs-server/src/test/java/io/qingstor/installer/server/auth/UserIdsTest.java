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

  @Test
  void agreesWithThePatternOnEveryCharacterAndLength() {
    for (char c = 0; c < 0x3000; c++) {
      String id = "a" + c;
      assertThat(UserIds.isValid(id)).as("char %d", (int) c)
          .isEqualTo(UserIds.PATTERN.matcher(id).matches());
    }
    for (int length = 0; length <= 66; length++) {
      String id = "x".repeat(length);
      assertThat(UserIds.isValid(id)).isEqualTo(UserIds.PATTERN.matcher(id).matches());
    }
  }
}
