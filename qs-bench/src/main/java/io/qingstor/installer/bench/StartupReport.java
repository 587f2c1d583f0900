package io.qingstor.installer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The cold-start part of RESULTS.md: the target, each launch's time and RSS, ours against the bare JVM. */
final class StartupReport {

  static final String OURS = "ours-server";
  static final String BARE = "bare-undertow";
  private static final double MAX_SECONDS = 1.5;

  private final Map<String, List<StartupRun>> runs = new LinkedHashMap<>();
  private final List<StartupRun> failures = new ArrayList<>();

  StartupReport(List<StartupRun> all) {
    for (StartupRun run : all) {
      if (run.ok()) {
        runs.computeIfAbsent(run.name(), key -> new ArrayList<>()).add(run);
      } else {
        failures.add(run);
      }
    }
  }

  /**
   * Reads a JSON-lines results file; a missing file reads as empty.
   *
   * @throws IOException if it cannot be read or a line is not a run
   */
  static List<StartupRun> load(Path file) throws IOException {
    List<StartupRun> all = new ArrayList<>();
    if (Files.exists(file)) {
      ObjectMapper mapper = new ObjectMapper();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          all.add(mapper.readValue(line, StartupRun.class));
        }
      }
    }
    return all;
  }

  /** Returns the cold-start target. */
  List<Target> targets() {
    Optional<Stats> ours = stats(OURS, StartupRun::seconds);
    return List.of(new Target("server cold start to the first healthy /healthz < 1.5 s",
        ours.map(s -> "median " + Markdown.seconds(s.median()) + " (" + Markdown.seconds(s.min()) + "-"
            + Markdown.seconds(s.max()) + ")").orElse("not measured"),
        ours.map(s -> s.median() < MAX_SECONDS).orElse(null)));
  }

  /** Writes the section. */
  void write(Markdown md) {
    md.heading(2, "Server cold start");
    md.paragraph("From launching the process to its first 200 on `GET /healthz` (polled every 2 ms on 127.0.0.1),"
        + " then its VmRSS: `java -jar qs-server.jar` on a fresh temp data directory (the first start, which creates"
        + " `admin` with a generated password), and the same JVM starting only Undertow (`BareHttpServer`); also"
        + " the wall time of `java -version`. One unrecorded round first; min/median/max over the rounds.");
    if (runs.isEmpty()) {
      md.paragraph("Not measured.");
      return;
    }
    md.table("launch", "runs", "time min", "time median", "time max", "RSS min", "RSS median", "RSS max");
    runs.forEach((name, list) -> {
      Stats time = Stats.of(list.stream().map(StartupRun::seconds).toList());
      Stats rss = Stats.of(list.stream().map(r -> (double) r.rssKib()).toList());
      boolean hasRss = rss.max() > 0;
      md.row(name, time.count(), Markdown.seconds(time.min()), Markdown.seconds(time.median()),
          Markdown.seconds(time.max()), hasRss ? mib(rss.min()) : "-", hasRss ? mib(rss.median()) : "-",
          hasRss ? mib(rss.max()) : "-");
    });
    Optional<Stats> ours = stats(OURS, StartupRun::seconds);
    Optional<Stats> bare = stats(BARE, StartupRun::seconds);
    if (ours.isPresent() && bare.isPresent()) {
      Stats oursRss = stats(OURS, r -> r.rssKib()).get();
      Stats bareRss = stats(BARE, r -> r.rssKib()).get();
      md.paragraph("Ours against the bare JVM: time " + Ratio.of(ours.get(), bare.get()).text() + ", "
          + Markdown.seconds(ours.get().median() - bare.get().median()) + " more at the median; RSS "
          + Ratio.of(oursRss, bareRss).text() + ".");
    }
    if (!failures.isEmpty()) {
      md.table("failed launch", "run", "seconds", "why");
      failures.forEach(f -> md.row(f.name(), f.run(), Markdown.number(f.seconds()), f.note()));
    }
  }

  private Optional<Stats> stats(String name, ToDoubleFunction<StartupRun> metric) {
    List<StartupRun> list = runs.get(name);
    return list == null ? Optional.empty() : Optional.of(Stats.of(list.stream().map(metric::applyAsDouble).toList()));
  }

  private static String mib(double kib) {
    return Markdown.number(kib / 1024) + " MiB";
  }
}
