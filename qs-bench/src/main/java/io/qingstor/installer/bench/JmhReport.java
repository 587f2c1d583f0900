package io.qingstor.installer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JMH part of RESULTS.md: targets, every benchmark, and each against its baseline. */
final class JmhReport {

  private static final String[] PAYLOADS = {"payload=config-seed", "payload=describe-seed",
      "payload=describe-50-hosts"};

  private final JmhResults results;

  JmhReport(JmhResults results) {
    this.results = results;
  }

  /** Returns the JMH targets. */
  List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    targets.add(below("validate + render a 5,000-node config < 50 ms", "ConfigBenchmark.validateAndRender5000", 50));
    targets.add(below("read 1,000 lines at offset 999,000 of a 1M-line step log < 10 ms (-Xmx64m, no OOM)",
        "StepLogBenchmark.readLastPage", 10));
    return targets;
  }

  private Target below(String goal, String name, double limitMillis) {
    Optional<JmhResults.Result> result = results.find(name, "");
    return new Target(goal,
        result.map(r -> "median " + Markdown.number(millis(r.iterations().median(), r.unit())) + " ms")
            .orElse("missing (did the benchmark fail? see the JMH log)"),
        result.map(r -> millis(r.iterations().median(), r.unit()) < limitMillis).orElse(null));
  }

  /** Writes the JMH sections. */
  void write(Markdown md) {
    md.heading(2, "JMH micro-benchmarks");
    md.paragraph("Average time per operation; min/median/max over the measured iterations (1 fork), and JMH's"
        + " score with its 99.9% error.");
    md.table("benchmark", "unit", "min", "median", "max", "score");
    for (JmhResults.Result r : results.all()) {
      md.row(r.label(), r.unit(), Markdown.number(r.iterations().min()), Markdown.number(r.iterations().median()),
          Markdown.number(r.iterations().max()), Markdown.number(r.score()) + " ± " + Markdown.number(r.error()));
    }
    md.heading(3, "Against the baselines");
    md.paragraph("Ratio of medians (the range pairs the extreme iterations).");
    md.table("benchmark", "baseline", "ratio");
    ratio(md, "ConfigBenchmark.validateAndRender5000", "", "ConfigBenchmark.validateAndRenderSeed", "");
    ratio(md, "ConfigBenchmark.validateAndRender5000", "", "ConfigBenchmark.hashSetPass5000", "");
    ratio(md, "ConfigBenchmark.validate5000", "", "ConfigBenchmark.hashSetPass5000", "");
    for (String payload : PAYLOADS) {
      ratio(md, "JsonCodecBenchmark.codecDecode", payload, "JsonCodecBenchmark.plainReadTree", payload);
      ratio(md, "JsonCodecBenchmark.codecEncode", payload, "JsonCodecBenchmark.plainWriteTree", payload);
    }
    ratio(md, "StepLogBenchmark.readLastPage", "", "StepLogBenchmark.readFirstPage", "");
    ratio(md, "AuthBenchmark.fullVerification", "", "AuthBenchmark.cachedAuthentication", "");
  }

  private void ratio(Markdown md, String name, String params, String baseline, String baselineParams) {
    Optional<JmhResults.Result> top = results.find(name, params);
    Optional<JmhResults.Result> bottom = results.find(baseline, baselineParams);
    if (top.isEmpty() || bottom.isEmpty()) {
      return;
    }
    Stats a = inMillis(top.get());
    Stats b = inMillis(bottom.get());
    md.row(top.get().label(), bottom.get().label(), Ratio.of(a, b).text());
  }

  private static Stats inMillis(JmhResults.Result result) {
    Stats s = result.iterations();
    String unit = result.unit();
    return new Stats(s.count(), millis(s.min(), unit), millis(s.median(), unit), millis(s.max(), unit));
  }

  /**
   * Converts a JMH average-time value to milliseconds.
   *
   * @throws IllegalArgumentException for a unit that is not a time per operation
   */
  static double millis(double value, String unit) {
    return switch (unit) {
      case "s/op" -> value * 1000;
      case "ms/op" -> value;
      case "us/op" -> value / 1000;
      case "ns/op" -> value / 1_000_000;
      default -> throw new IllegalArgumentException("not a time per operation: " + unit);
    };
  }
}
