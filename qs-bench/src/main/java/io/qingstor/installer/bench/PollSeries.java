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

/**
 * The runs of the status-polling benchmark grouped by series ({@code name@connections}); only
 * runs that count ({@link PollRun#ok()}) give figures, the others are kept apart to be listed.
 */
final class PollSeries {

  private final Map<String, List<PollRun>> runs = new LinkedHashMap<>();
  private final List<PollRun> failures = new ArrayList<>();

  /**
   * Reads a JSON-lines results file; a missing file reads as empty.
   *
   * @throws IOException if it cannot be read or a line is not a run
   */
  static PollSeries load(Path file) throws IOException {
    PollSeries series = new PollSeries();
    if (Files.exists(file)) {
      ObjectMapper mapper = new ObjectMapper();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          series.add(mapper.readValue(line, PollRun.class));
        }
      }
    }
    return series;
  }

  /** Adds one run. */
  void add(PollRun run) {
    if (run.ok()) {
      runs.computeIfAbsent(run.series(), key -> new ArrayList<>()).add(run);
    } else {
      failures.add(run);
    }
  }

  /** Returns the figure {@code metric} of the counted runs of {@code name} at {@code connections}. */
  Optional<Stats> stats(String name, int connections, ToDoubleFunction<PollRun> metric) {
    List<PollRun> list = runs.get(name + "@" + connections);
    return list == null ? Optional.empty() : Optional.of(Stats.of(list.stream().map(metric::applyAsDouble).toList()));
  }

  /**
   * Returns {@code metric(numerator) / metric(denominator)} of each round both series ran in, when
   * there are at least {@code minimum} such rounds.
   */
  Optional<Stats> pairedRatios(String numerator, String denominator, int connections, int minimum,
      ToDoubleFunction<PollRun> metric) {
    Map<Integer, PollRun> bottom = new LinkedHashMap<>();
    runs.getOrDefault(denominator + "@" + connections, List.of()).forEach(r -> bottom.put(r.run(), r));
    List<Double> ratios = new ArrayList<>();
    for (PollRun top : runs.getOrDefault(numerator + "@" + connections, List.of())) {
      PollRun other = bottom.get(top.run());
      if (other != null && metric.applyAsDouble(other) > 0) {
        ratios.add(metric.applyAsDouble(top) / metric.applyAsDouble(other));
      }
    }
    return ratios.size() < minimum ? Optional.empty() : Optional.of(Stats.of(ratios));
  }

  /** Returns the series keys in first-seen order. */
  List<String> keys() {
    return List.copyOf(runs.keySet());
  }

  /** Returns the counted runs of a series key. */
  List<PollRun> runs(String key) {
    return List.copyOf(runs.getOrDefault(key, List.of()));
  }

  /** Returns the runs that did not count. */
  List<PollRun> failures() {
    return List.copyOf(failures);
  }
}
