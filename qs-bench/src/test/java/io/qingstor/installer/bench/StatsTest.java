package io.qingstor.installer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void oddCountTakesTheMiddleSample() {
    Stats stats = Stats.of(List.of(3.0, 1.0, 2.0));

    assertThat(stats).isEqualTo(new Stats(3, 1.0, 2.0, 3.0));
  }

  @Test
  void evenCountAveragesTheTwoMiddleSamples() {
    assertThat(Stats.of(List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
  }

  @Test
  void noSamplesIsAnError() {
    assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ratioDividesMediansAndSpansTheExtremePairings() {
    Ratio ratio = Ratio.of(new Stats(3, 1, 2, 4), new Stats(3, 8, 10, 16));

    assertThat(ratio.median()).isEqualTo(0.2);
    assertThat(ratio.low()).isEqualTo(1.0 / 16);
    assertThat(ratio.high()).isEqualTo(0.5);
    assertThat(ratio.text()).isEqualTo("0.20x (0.06x-0.50x)");
  }
}
