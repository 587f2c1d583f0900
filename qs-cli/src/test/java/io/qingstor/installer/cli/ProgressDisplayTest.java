package io.qingstor.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.client.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress bar's text: the server's ETA when it has one, the nodes done in the step. */
class ProgressDisplayTest {
  private final MutableClock clock = new MutableClock();
  private final ProgressDisplay display = new ProgressDisplay(ProgressDisplay.Style.BAR,
      new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, clock);

  private static Progress progress(int percent, Long etaSeconds, Map<String, Integer> counts) {
    return new Progress("j-1", "step1", "Lay out bricks", percent, List.of(), 20L, etaSeconds,
        List.of(), counts);
  }

  @Test
  void theBarShowsTheServersEtaWhenItHasOne() {
    clock.advance(20);

    String frame = display.frame(progress(50, 95L, Map.of()), true);

    assertThat(frame).endsWith("ETA 1m35s");
  }

  @Test
  void withoutTheServersEtaTheBarEstimatesFromThePaceSoFar() {
    clock.advance(20);

    String frame = display.frame(progress(50, null, Map.of()), true);

    assertThat(frame).endsWith("ETA 20s");
  }

  @Test
  void theBarCountsTheStepsNodesThatFinished() {
    String frame = display.frame(progress(60, 5L,
        Map.of("failed", 1, "running", 3, "pending", 2, "succeeded", 4)), true);

    assertThat(frame).contains("  5/10 nodes  ETA 5s");
  }

  @Test
  void linesShowNeitherNodesNorEta() {
    String frame = display.frame(progress(60, 5L, Map.of("running", 3)), false);

    assertThat(frame).isEqualTo(" 60%  step1  Lay out bricks");
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(long seconds) {
      now = now.plusSeconds(seconds);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
