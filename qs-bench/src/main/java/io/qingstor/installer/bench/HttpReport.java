package io.qingstor.installer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The status-polling part of RESULTS.md: targets, every series, ours against the bare server. */
final class HttpReport {

  static final String OURS = "ours-status";
  static final String BARE = "bare-undertow";
  static final String WRONG = "ours-status-wrong-password";
  private static final int[] CONNECTIONS = {16, 64};
  private static final double MIN_SHARE = 0.5;
  private static final double MAX_P99_MILLIS = 5;

  private final PollSeries series;

  HttpReport(PollSeries series) {
    this.series = series;
  }

  /** Returns the targets: a share of the bare server's throughput, and the p99 at 64 connections. */
  List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    for (int c : CONNECTIONS) {
      Optional<Stats> share = share(c);
      targets.add(new Target("status polling at " + c + " connections >= 50% of the bare Undertow req/s",
          share.map(s -> "ours / bare per round: median " + percent(s.median()) + " (" + percent(s.min()) + "-"
              + percent(s.max()) + ")").orElse(missing()),
          share.map(s -> s.median() >= MIN_SHARE).orElse(null)));
    }
    Optional<Stats> p99 = series.stats(OURS, 64, PollRun::p99Millis);
    targets.add(new Target("status polling p99 < 5 ms at 64 connections",
        p99.map(s -> "median " + Markdown.number(s.median()) + " ms (" + Markdown.number(s.min()) + "-"
            + Markdown.number(s.max()) + ")").orElse(missing()),
        p99.map(s -> s.median() < MAX_P99_MILLIS).orElse(null)));
    return targets;
  }

  /** Ours' req/s over the bare server's, per round; falls back to the ratio of medians. */
  private Optional<Stats> share(int connections) {
    Optional<Stats> paired = series.pairedRatios(OURS, BARE, connections, 3, PollRun::requestsPerSecond);
    if (paired.isPresent()) {
      return paired;
    }
    Optional<Stats> ours = series.stats(OURS, connections, PollRun::requestsPerSecond);
    Optional<Stats> bare = series.stats(BARE, connections, PollRun::requestsPerSecond);
    return ours.isEmpty() || bare.isEmpty() ? Optional.empty()
        : Optional.of(Stats.of(List.of(ours.get().median() / bare.get().median())));
  }

  /** Writes the section. */
  void write(Markdown md) {
    md.heading(2, "Status polling over HTTP");
    md.paragraph("wrk sends the authenticated `GetDeployQingStorStatus` of a polling client (the same `admin`,"
        + " so every request after the first is answered from the verification cache) to the real server"
        + " (`qs-server.jar` on a data directory holding a deployed platform) and to a bare Undertow server with"
        + " the same listener settings and JVM options answering the same bytes from its I/O threads. Each round"
        + " runs both at each connection count, back to back; figures are min/median/max over the rounds."
        + " wrk, both servers and everything else share the machine's cores.");
    if (series.keys().isEmpty()) {
      md.paragraph("Not measured" + series.failures().stream().findFirst().map(f -> ": " + f.note()).orElse("."));
      return;
    }
    md.table("series", "connections", "runs", "req/s min", "req/s median", "req/s max", "p50 median (min-max)",
        "p99 median (min-max)", "server CPU per request");
    for (String key : series.keys()) {
      List<PollRun> runs = series.runs(key);
      Stats rate = Stats.of(runs.stream().map(PollRun::requestsPerSecond).toList());
      md.row(runs.get(0).name(), runs.get(0).connections(), rate.count(), Markdown.number(rate.min()),
          Markdown.number(rate.median()), Markdown.number(rate.max()),
          millis(Stats.of(runs.stream().map(PollRun::p50Millis).toList())),
          millis(Stats.of(runs.stream().map(PollRun::p99Millis).toList())),
          Markdown.number(Stats.of(runs.stream().map(PollRun::serverCpuMicrosPerRequest).toList()).median()) + " us");
    }
    md.heading(3, "Ours against the bare server");
    md.table("connections", "ours req/s", "bare req/s", "ours / bare (ratio of medians)", "ours / bare per round",
        "ours p99 / bare p99");
    for (int c : CONNECTIONS) {
      Optional<Stats> ours = series.stats(OURS, c, PollRun::requestsPerSecond);
      Optional<Stats> bare = series.stats(BARE, c, PollRun::requestsPerSecond);
      if (ours.isPresent() && bare.isPresent()) {
        md.row(c, Markdown.number(ours.get().median()), Markdown.number(bare.get().median()),
            Ratio.of(ours.get(), bare.get()).text(),
            series.pairedRatios(OURS, BARE, c, 1, PollRun::requestsPerSecond).map(HttpReport::range).orElse("-"),
            Ratio.of(series.stats(OURS, c, PollRun::p99Millis).get(), series.stats(BARE, c, PollRun::p99Millis).get())
                .text());
      }
    }
    cacheSavings(md);
  }

  private void cacheSavings(Markdown md) {
    Optional<Stats> wrong = series.stats(WRONG, 16, PollRun::requestsPerSecond);
    Optional<Stats> cached = series.stats(OURS, 16, PollRun::requestsPerSecond);
    if (wrong.isEmpty() || cached.isEmpty()) {
      return;
    }
    md.heading(3, "What the verification cache saves");
    md.paragraph("The same polling at 16 connections with a wrong password (user `bench-viewer`): every request pays"
        + " a full PBKDF2 verification (after 5 failures the user is locked and each request burns one instead,"
        + " at the same cost), which is what every poll would cost without the cache. Cached polling serves "
        + Markdown.ratio(cached.get().median() / wrong.get().median()) + " the requests per second ("
        + Markdown.number(cached.get().median()) + " against " + Markdown.number(wrong.get().median())
        + "); see also `AuthBenchmark` in the JMH section for one verification against one cached authentication.");
  }

  private static String millis(Stats stats) {
    return Markdown.number(stats.median()) + " ms (" + Markdown.number(stats.min()) + "-" + Markdown.number(stats.max())
        + ")";
  }

  private static String range(Stats stats) {
    return Markdown.ratio(stats.median()) + " (" + Markdown.ratio(stats.min()) + "-" + Markdown.ratio(stats.max()) + ")";
  }

  private static String percent(double ratio) {
    return Math.round(ratio * 100) + "%";
  }

  private String missing() {
    return series.failures().stream().findFirst().map(f -> "not measured: " + f.note()).orElse("not measured");
  }
}
