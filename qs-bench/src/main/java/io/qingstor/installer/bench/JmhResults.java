package io.qingstor.installer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The results of a JMH run, read from its JSON output ({@code -rf json}). */
public final class JmhResults {

  /**
   * One benchmark (with one set of parameters).
   *
   * @param name the class and method, e.g. {@code ConfigBenchmark.validate5000}
   * @param params the {@code @Param} values, e.g. {@code payload=config-seed}; empty without any
   * @param unit the score's unit, e.g. {@code ms/op}
   * @param score JMH's score (the mean of the iterations)
   * @param error JMH's 99.9% confidence half-width
   * @param iterations the measured iterations' values, summarised
   */
  public record Result(String name, String params, String unit, double score, double error, Stats iterations) {

    /** Returns the name with its parameters, e.g. {@code JsonCodecBenchmark.codecDecode[payload=config-seed]}. */
    public String label() {
      return params.isEmpty() ? name : name + "[" + params + "]";
    }
  }

  private final List<Result> results;

  private JmhResults(List<Result> results) {
    this.results = List.copyOf(results);
  }

  /**
   * Reads JMH's JSON output; a missing or empty file reads as no results.
   *
   * @throws IOException if the file cannot be read or parsed
   */
  public static JmhResults load(Path file) throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) {
      return new JmhResults(List.of());
    }
    List<Result> results = new ArrayList<>();
    for (JsonNode benchmark : new ObjectMapper().readTree(file.toFile())) {
      results.add(result(benchmark));
    }
    return new JmhResults(results);
  }

  private static Result result(JsonNode benchmark) {
    String fullName = benchmark.path("benchmark").asText();
    String[] parts = fullName.split("\\.");
    String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : fullName;
    Map<String, String> params = new TreeMap<>();
    benchmark.path("params").properties().forEach(field -> params.put(field.getKey(), field.getValue().asText()));
    JsonNode metric = benchmark.path("primaryMetric");
    List<Double> samples = new ArrayList<>();
    for (JsonNode fork : metric.path("rawData")) {
      fork.forEach(value -> samples.add(value.asDouble()));
    }
    String paramText = String.join(",", params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    return new Result(name, paramText, metric.path("scoreUnit").asText(), metric.path("score").asDouble(),
        metric.path("scoreError").asDouble(), Stats.of(samples.isEmpty() ? List.of(Double.NaN) : samples));
  }

  /** Returns every result, in run order. */
  public List<Result> all() {
    return results;
  }

  /** Returns the result of {@code name} with exactly {@code params}, if it ran. */
  public Optional<Result> find(String name, String params) {
    return results.stream().filter(r -> r.name().equals(name) && r.params().equals(params)).findFirst();
  }
}
