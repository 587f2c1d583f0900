package io.qingstor.installer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WrkResultTest {

  private static final String OUTPUT = String.join("\n",
      "Running 10s test @ http://127.0.0.1:18480/",
      "  2 threads and 64 connections",
      "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
      "    Latency     2.10ms    1.90ms  30.12ms   88.02%",
      "  311000 requests in 10.00s, 150.12MB read",
      "Requests/sec:  31100.00",
      "Transfer/sec:     15.01MB",
      "WRK_RESULT {\"requests\":311000,\"duration_us\":10000000,\"bytes\":157400000,\"p50_us\":1633,"
          + "\"p90_us\":4100,\"p99_us\":10655,\"max_us\":30120,\"connect_errors\":0,\"read_errors\":1,"
          + "\"write_errors\":0,\"timeouts\":2,\"non_2xx\":3}",
      "");

  @Test
  void findsTheResultLineAmongWrksOwnOutput() {
    WrkResult result = WrkResult.parse(OUTPUT).orElseThrow();

    assertThat(result.requests()).isEqualTo(311_000);
    assertThat(result.requestsPerSecond()).isEqualTo(31_100.0);
    assertThat(result.p50Micros()).isEqualTo(1633);
    assertThat(result.p99Micros()).isEqualTo(10_655);
    assertThat(result.socketErrors()).isEqualTo(3);
    assertThat(result.non2xx()).isEqualTo(3);
  }

  @Test
  void outputWithoutAResultLineIsEmpty() {
    assertThat(WrkResult.parse("unable to connect to 127.0.0.1:18480 Connection refused\n")).isEmpty();
  }

  @Test
  void aTruncatedResultLineIsAnError() {
    assertThatThrownBy(() -> WrkResult.parse("WRK_RESULT {\"requests\":5,\"duration_us\":100}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a wrk result");
  }

  @Test
  void aRunThatFailedSomeSocketsDoesNotCount() {
    PollRun run = PollRecord.toRun("ours-status", 64, 1, WrkResult.parse(OUTPUT), 4.2, "2xx");

    assertThat(run.ok()).isFalse();
    assertThat(run.note()).isEqualTo("3 socket errors or timeouts");
    assertThat(run.p99Millis()).isEqualTo(10.655);
  }

  @Test
  void aCleanRunCountsWithItsServerCpuPerRequest() {
    WrkResult clean = new WrkResult(1000, 1_000_000, 1, 500, 900, 2000, 3000, 0, 0, 0, 0, 0);

    PollRun run = PollRecord.toRun("bare-undertow", 16, 2, Optional.of(clean), 0.05, "2xx");

    assertThat(run.ok()).isTrue();
    assertThat(run.requestsPerSecond()).isEqualTo(1000.0);
    assertThat(run.serverCpuMicrosPerRequest()).isEqualTo(50.0);
  }

  @Test
  void theWrongPasswordSeriesCountsOnlyWhenEveryAnswerIsARejection() {
    WrkResult allRejected = new WrkResult(60, 10_000_000, 1, 1_000_000, 1_100_000, 1_300_000, 1_400_000, 0, 0, 0, 0,
        60);
    WrkResult oneAccepted = new WrkResult(60, 10_000_000, 1, 1_000_000, 1_100_000, 1_300_000, 1_400_000, 0, 0, 0, 0,
        59);

    assertThat(PollRecord.toRun("w", 16, 1, Optional.of(allRejected), 0, "401").ok()).isTrue();
    assertThat(PollRecord.toRun("w", 16, 1, Optional.of(oneAccepted), 0, "401").note())
        .isEqualTo("1 answers were 2xx, expected only rejections");
    assertThat(PollRecord.toRun("w", 16, 1, Optional.of(allRejected), 0, "2xx").ok()).isFalse();
  }

  @Test
  void noOutputIsAFailedRun() {
    assertThat(PollRecord.toRun("ours-status", 16, 1, Optional.empty(), 0, "2xx").note())
        .isEqualTo("wrk printed no result");
  }
}
