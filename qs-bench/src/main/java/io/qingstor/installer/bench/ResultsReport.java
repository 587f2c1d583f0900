package io.qingstor.installer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes {@code bench/RESULTS.md} from one benchmark run: the machine, every target met or
 * missed, the SSH fan-out figures ({@link SshReport}), the status-polling figures ({@link HttpReport}),
 * the cold-start figures ({@link StartupReport}) and the JMH figures ({@link JmhReport}).
 *
 * <p>Options: {@code --out} (the Markdown file), {@code --fanout} (the JSON-lines results of
 * {@code bench/ssh-fanout.sh}), {@code --http} (those of {@code bench/http-status.sh}),
 * {@code --startup} (those of {@link ColdStartBench}), {@code --jmh} (JMH's JSON results), {@code --meta} (lines
 * {@code key: value} the scripts gathered: tool versions, settings), {@code --nodes} (the
 * baselines' node count, default 50). Missing inputs are reported as not measured.
 */
public final class ResultsReport {

  private static final Set<String> OPTIONS = Set.of("out", "fanout", "http", "startup", "jmh", "meta", "nodes");

  private ResultsReport() {
  }

  /**
   * Writes the report and prints the targets' verdicts.
   *
   * @throws IOException if an input cannot be read or the report cannot be written
   */
  public static void main(String[] argv) throws IOException {
    Args args = Args.parse(argv, OPTIONS);
    Series fanOut = Series.load(args.path("fanout"));
    SshReport ssh = new SshReport(fanOut, args.positive("nodes", 50));
    // Optional, so that a report of an older run (SSH and JMH only) can still be written.
    HttpReport http = new HttpReport(args.optionalPath("http").isPresent() ? PollSeries.load(args.path("http"))
        : new PollSeries());
    StartupReport startup = new StartupReport(args.optionalPath("startup").isPresent()
        ? StartupReport.load(args.path("startup")) : List.of());
    JmhReport jmh = new JmhReport(JmhResults.load(args.path("jmh")));
    List<Target> targets = new ArrayList<>(ssh.targets());
    targets.addAll(http.targets());
    targets.addAll(startup.targets());
    targets.addAll(jmh.targets());

    Markdown md = new Markdown();
    md.heading(1, "Benchmark results");
    md.paragraph("Written by `bench/run.sh` on " + ZonedDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")) + ". Figures are ratios against baselines"
        + " measured in the same run; absolute times depend on the machine.");
    environment(md, readMeta(args.path("meta")));
    md.heading(2, "Targets");
    md.table("target", "measured", "verdict");
    targets.forEach(t -> md.row(t.goal(), t.measured(), t.verdict()));
    ssh.write(md);
    http.write(md);
    startup.write(md);
    jmh.write(md);
    failures(md, fanOut);
    Files.writeString(args.path("out"), md.build(), StandardCharsets.UTF_8);
    targets.forEach(t -> System.out.printf("%-12s %s: %s%n", t.verdict(), t.goal(), t.measured()));
  }

  private static void environment(Markdown md, List<String[]> meta) {
    md.heading(2, "Machine");
    md.table("", "");
    md.row("CPU", Machine.cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    md.row("memory", Machine.memory());
    md.row("OS", Machine.os());
    md.row("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    meta.forEach(entry -> md.row(entry[0], entry[1]));
  }

  private static List<String[]> readMeta(Path file) throws IOException {
    List<String[]> meta = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          meta.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
        }
      }
    }
    return meta;
  }

  private static void failures(Markdown md, Series fanOut) {
    if (fanOut.failures().isEmpty()) {
      return;
    }
    md.heading(2, "Failed runs (not counted)");
    md.table("series", "nodes", "run", "seconds", "why");
    fanOut.failures().forEach(f -> md.row(f.name(), f.nodes(), f.run(), Markdown.number(f.seconds()), f.note()));
  }
}
