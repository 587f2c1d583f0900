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

/**
 * The measurements of a results file grouped by series ({@code name@nodes}), in first-seen order.
 * Only successful runs count towards a series' figures; failed runs are kept apart to be listed.
 */
public final class Series {

  private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
  private final Map<String, Map<Integer, Double>> byRun = new LinkedHashMap<>();
  private final Map<String, String> notes = new LinkedHashMap<>();
  private final List<Measurement> failures = new ArrayList<>();

  /**
   * Reads a JSON-lines results file; a missing file reads as empty.
   *
   * @throws IOException if it cannot be read or a line is not a measurement
   */
  public static Series load(Path file) throws IOException {
    Series series = new Series();
    if (!Files.exists(file)) {
      return series;
    }
    ObjectMapper mapper = new ObjectMapper();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        series.add(mapper.readValue(line, Measurement.class));
      }
    }
    return series;
  }

  /** Adds one measurement. */
  public void add(Measurement measurement) {
    if (measurement.ok()) {
      seconds.computeIfAbsent(measurement.series(), key -> new ArrayList<>()).add(measurement.seconds());
      byRun.computeIfAbsent(measurement.series(), key -> new LinkedHashMap<>())
          .put(measurement.run(), measurement.seconds());
      if (measurement.note() != null) {
        notes.putIfAbsent(measurement.series(), measurement.note());
      }
    } else {
      failures.add(measurement);
    }
  }

  /** Returns the figures of {@code name} at {@code nodes} nodes, if any run of it succeeded. */
  public Optional<Stats> stats(String name, int nodes) {
    List<Double> samples = seconds.get(name + "@" + nodes);
    return samples == null ? Optional.empty() : Optional.of(Stats.of(samples));
  }

  /**
   * Returns the ratios {@code numerator / denominator} of the runs both series have under the same
   * number, when there are at least {@code minimum}: for series measured in the same rounds, each
   * ratio compares runs made moments apart, under the same background load.
   */
  public Optional<Stats> pairedRatios(String numerator, String denominator, int nodes, int minimum) {
    Map<Integer, Double> top = byRun.getOrDefault(numerator + "@" + nodes, Map.of());
    Map<Integer, Double> bottom = byRun.getOrDefault(denominator + "@" + nodes, Map.of());
    List<Double> ratios = new ArrayList<>();
    top.forEach((run, value) -> {
      Double other = bottom.get(run);
      if (other != null && other > 0) {
        ratios.add(value / other);
      }
    });
    return ratios.size() < minimum ? Optional.empty() : Optional.of(Stats.of(ratios));
  }

  /** Returns the series keys ({@code name@nodes}) in first-seen order. */
  public List<String> keys() {
    return List.copyOf(seconds.keySet());
  }

  /** Returns the figures of a series key. */
  public Stats stats(String key) {
    return Stats.of(seconds.get(key));
  }

  /** Returns the first note recorded with a successful run of {@code name} at {@code nodes} nodes. */
  public Optional<String> note(String name, int nodes) {
    return Optional.ofNullable(notes.get(name + "@" + nodes));
  }

  /** Returns the failed runs. */
  public List<Measurement> failures() {
    return List.copyOf(failures);
  }
}
