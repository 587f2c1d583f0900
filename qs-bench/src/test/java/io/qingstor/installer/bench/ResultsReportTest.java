package io.qingstor.installer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReportTest {

  @TempDir
  Path dir;

  @Test
  void targetsAreMetMissedOrNotMeasured() {
    Series series = new Series();
    for (int run = 1; run <= 3; run++) {
      series.add(new Measurement("ours-true-cold", 50, run, 0.8, true, null));
      series.add(new Measurement("ours-true-warm", 50, run, 0.25, true, null));
      series.add(new Measurement(SshReport.FLOOR, 50, run, 2.0, true, null));
      series.add(new Measurement(SshReport.FLOOR_SAME_KEX, 50, run, 1.0, true, null));
      series.add(new Measurement("ansible-command-cold", 50, run, 10.0, true, null));
    }

    List<Target> targets = new SshReport(series, 50).targets();

    assertThat(targets).extracting(Target::verdict)
        .containsExactly("met", "MISSED", "met", "MISSED", "not measured");
    assertThat(targets.get(0).measured()).startsWith("ours / floor per round: median 0.40x");
    assertThat(targets.get(2).measured()).startsWith("speed-up 12.5x");
  }

  @Test
  void floorTargetIsJudgedOnPerRoundRatiosWhichCancelALoadedRound() {
    Series series = new Series();
    double[] ours = {0.5, 0.5, 3.0};
    double[] floor = {1.0, 1.0, 6.0};
    for (int run = 1; run <= 3; run++) {
      series.add(new Measurement("ours-true-cold", 50, run, ours[run - 1], true, null));
      series.add(new Measurement(SshReport.FLOOR, 50, run, floor[run - 1], true, null));
    }

    Target target = new SshReport(series, 50).targets().get(0);

    assertThat(target.measured()).isEqualTo("ours / floor per round: median 0.50x (0.50x-0.50x)");
    assertThat(target.met()).isTrue();
  }

  @Test
  void fewerThanThreeRoundsFallBackToTheRatioOfMedians() {
    Series series = new Series();
    series.add(new Measurement("ours-true-cold", 50, 1, 0.5, true, null));
    series.add(new Measurement(SshReport.FLOOR, 50, 1, 1.0, true, null));

    assertThat(new SshReport(series, 50).targets().get(0).measured()).isEqualTo("ours / floor = 0.50x (0.50x-0.50x)");
  }

  @Test
  void failedRunsDoNotCountButAreListed() throws IOException {
    Path fanout = dir.resolve("fanout.jsonl");
    Files.writeString(fanout, """
        {"name":"ours-true-warm","nodes":50,"run":1,"seconds":0.15,"ok":true}
        {"name":"ours-true-warm","nodes":50,"run":2,"seconds":9.0,"ok":false,"note":"1 of 50 nodes failed"}
        """, StandardCharsets.UTF_8);

    Path out = write(fanout, dir.resolve("none.json"));

    String report = Files.readString(out);
    assertThat(report).contains("| warm fan-out to 50 nodes < 0.2 s | median 150.0 ms | met |");
    assertThat(report).contains("## Failed runs (not counted)").contains("1 of 50 nodes failed");
  }

  @Test
  void jmhFiguresAreConvertedToMillisecondsForTheirTargets() throws IOException {
    Path jmh = dir.resolve("jmh.json");
    Files.writeString(jmh, """
        [{"benchmark":"io.qingstor.installer.bench.StepLogBenchmark.readLastPage","mode":"avgt",
          "primaryMetric":{"score":12000.0,"scoreError":10.0,"scoreUnit":"us/op","rawData":[[11000.0,12000.0,13000.0]]}},
         {"benchmark":"io.qingstor.installer.bench.StepLogBenchmark.readFirstPage","mode":"avgt",
          "primaryMetric":{"score":1.0,"scoreError":0.1,"scoreUnit":"ms/op","rawData":[[1.0,1.0,1.0]]}}]
        """, StandardCharsets.UTF_8);

    String report = Files.readString(write(dir.resolve("none.jsonl"), jmh));

    assertThat(report).contains("step log < 10 ms (-Xmx64m, no OOM) | median 12.0 ms | MISSED |");
    assertThat(report).contains("| StepLogBenchmark.readLastPage | StepLogBenchmark.readFirstPage | 12.0x");
    assertThat(report).contains("validate + render a 5,000-node config < 50 ms | missing");
  }

  private Path write(Path fanout, Path jmh) throws IOException {
    Path out = dir.resolve("RESULTS.md");
    Files.writeString(dir.resolve("meta.txt"), "OpenSSH: test\n");
    ResultsReport.main(new String[] {"--out", out.toString(), "--fanout", fanout.toString(), "--jmh", jmh.toString(),
        "--meta", dir.resolve("meta.txt").toString()});
    return out;
  }
}
