package io.qingstor.installer.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdsTest {
  private static final int DRAWS = 10_000;

  @Test
  void generatedIdsMatchThePatternAndAreDistinct() {
    SecureRandom random = new SecureRandom();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < DRAWS; i++) {
      String id = NodeIds.generate(random);
      assertThat(id).matches(NodeIds.GENERATED);
      ids.add(id);
    }

    assertThat(ids).hasSize(DRAWS);
  }

  @Test
  void generatedIdsUseEveryKindOfCharacter() {
    SecureRandom random = new SecureRandom();
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      all.append(NodeIds.generate(random).substring(2));
    }

    assertThat(all.toString()).containsPattern("[A-Z]").containsPattern("[a-z]")
        .containsPattern("[0-9]");
  }

  @Test
  void generatedIdsAreValidCustomIdsToo() {
    assertThat(NodeIds.isValidCustom(NodeIds.generate(new SecureRandom()))).isTrue();
  }

  @Test
  void generatingNeedsARandomSource() {
    assertThatThrownBy(() -> NodeIds.generate(null)).isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "node-1", "Storage_01.rack2", "7", "a..b", "x-"})
  void idsOfAllowedCharactersAreValid(String id) {
    assertThat(NodeIds.isValidCustom(id)).isTrue();
  }

  @Test
  void sixtyFourCharactersAreAllowedButNotSixtyFive() {
    assertThat(NodeIds.isValidCustom("a".repeat(64))).isTrue();
    assertThat(NodeIds.isValidCustom("a".repeat(65))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "...", ".hidden", "-", "-oProxyCommand", "_x", "a/b",
      "a b", "n\u00e9", "a\nb", "id$", "a:b"})
  void otherIdsAreInvalid(String id) {
    assertThat(NodeIds.isValidCustom(id)).isFalse();
  }

  @Test
  void nullIsNotAValidId() {
    assertThat(NodeIds.isValidCustom(null)).isFalse();
  }
}
