package io.qingstor.installer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupPartsTest {

  @Test
  void readsVmRssInKib() throws IOException {
    assertThat(ProcStatus.rssKib(List.of("Name:\tjava", "VmPeak:\t 3000000 kB", "VmRSS:\t  109728 kB",
        "RssAnon:\t 80000 kB"))).isEqualTo(109_728);
  }

  @Test
  void aStatusWithoutVmRssIsAnError() {
    assertThatThrownBy(() -> ProcStatus.rssKib(List.of("Name:\tzombie", "State:\tZ (zombie)")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void onlyA200StatusLineIsHealthy() {
    assertThat(HealthProbe.isOk("HTTP/1.1 200 OK")).isTrue();
    assertThat(HealthProbe.isOk("HTTP/1.1 503 Service Unavailable")).isFalse();
    assertThat(HealthProbe.isOk("")).isFalse();
    assertThat(HealthProbe.isOk("SSH-2.0-OpenSSH_9.2p1 200")).isFalse();
  }

  @Test
  void coldStartTargetIsJudgedOnTheMedian() {
    StartupReport report = new StartupReport(List.of(
        new StartupRun(StartupReport.OURS, 1, 1.2, 100_000, true, null),
        new StartupRun(StartupReport.OURS, 2, 1.4, 100_000, true, null),
        new StartupRun(StartupReport.OURS, 3, 2.0, 100_000, true, null),
        new StartupRun(StartupReport.OURS, 4, 9.0, 0, false, "not healthy within 30 s")));

    Target target = report.targets().get(0);

    assertThat(target.met()).isTrue();
    assertThat(target.measured()).isEqualTo("median 1.40 s (1.20 s-2.00 s)");
  }

  @Test
  void pollingTargetsCompareOursToTheBareServerRoundByRound() {
    PollSeries series = new PollSeries();
    for (int run = 1; run <= 3; run++) {
      series.add(new PollRun(HttpReport.OURS, 16, run, 600 * run, 1, 3, 1000, 1, true, null));
      series.add(new PollRun(HttpReport.BARE, 16, run, 1000 * run, 0.5, 2, 1000, 1, true, null));
      series.add(new PollRun(HttpReport.OURS, 64, run, 400, 2, 6, 1000, 1, true, null));
      series.add(new PollRun(HttpReport.BARE, 64, run, 1000, 1, 4, 1000, 1, true, null));
    }

    List<Target> targets = new HttpReport(series).targets();

    assertThat(targets).extracting(Target::verdict).containsExactly("met", "MISSED", "MISSED");
    assertThat(targets.get(0).measured()).isEqualTo("ours / bare per round: median 60% (60%-60%)");
    assertThat(targets.get(2).measured()).startsWith("median 6.000 ms");
  }

  @Test
  void pollingTargetsAreNotMeasuredWhenWrkWasMissing() {
    PollSeries series = new PollSeries();
    series.add(new PollRun(HttpReport.OURS, 16, 0, 0, 0, 0, 0, 0, false, "wrk could not be installed with apt-get"));

    assertThat(new HttpReport(series).targets()).extracting(Target::verdict).containsOnly("not measured");
    assertThat(new HttpReport(series).targets().get(0).measured()).contains("wrk could not be installed");
  }
}
