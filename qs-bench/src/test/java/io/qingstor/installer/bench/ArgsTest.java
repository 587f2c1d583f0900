package io.qingstor.installer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

  private static final Set<String> KNOWN = Set.of("mode", "runs", "sizes");

  @Test
  void readsValuesAndFallsBackToDefaults() {
    Args args = Args.parse(new String[] {"--mode", "fanout", "--sizes", "10, 50"}, KNOWN);

    assertThat(args.required("mode")).isEqualTo("fanout");
    assertThat(args.positives("sizes", List.of())).containsExactly(10, 50);
    assertThat(args.positive("runs", 5)).isEqualTo(5);
  }

  @Test
  void unknownOptionIsRejectedWithTheKnownOnes() {
    assertThatThrownBy(() -> Args.parse(new String[] {"--rnus", "3"}, KNOWN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rnus").hasMessageContaining("--runs");
  }

  @Test
  void optionWithoutValueIsRejected() {
    assertThatThrownBy(() -> Args.parse(new String[] {"--mode"}, KNOWN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
  }

  @Test
  void repeatedOptionIsRejected() {
    assertThatThrownBy(() -> Args.parse(new String[] {"--runs", "1", "--runs", "2"}, KNOWN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void nonPositiveNumberIsRejected() {
    Args args = Args.parse(new String[] {"--runs", "0"}, KNOWN);

    assertThatThrownBy(() -> args.positive("runs", 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--runs must be a positive integer");
  }

  @Test
  void missingRequiredOptionIsNamed() {
    Args args = Args.parse(new String[0], KNOWN);

    assertThatThrownBy(() -> args.required("mode")).hasMessageContaining("--mode is required");
  }
}
