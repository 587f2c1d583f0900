package io.qingstor.installer.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Optional;

/**
 * What one wrk run measured, from the {@code WRK_RESULT {...}} line that {@code bench/status-poll.lua}
 * prints when the run is done. Latencies are in microseconds, as wrk keeps them.
 *
 * @param requests the completed requests
 * @param durationMicros the run's length
 * @param bytes the bytes read
 * @param p50Micros the median latency
 * @param p90Micros the 90th percentile latency
 * @param p99Micros the 99th percentile latency
 * @param maxMicros the slowest request
 * @param connectErrors connections that could not be opened
 * @param readErrors failed reads
 * @param writeErrors failed writes
 * @param timeouts requests without an answer within wrk's timeout
 * @param non2xx answers with a status other than 2xx or 3xx
 */
public record WrkResult(
    long requests,
    @JsonProperty("duration_us") long durationMicros,
    long bytes,
    @JsonProperty("p50_us") long p50Micros,
    @JsonProperty("p90_us") long p90Micros,
    @JsonProperty("p99_us") long p99Micros,
    @JsonProperty("max_us") long maxMicros,
    @JsonProperty("connect_errors") long connectErrors,
    @JsonProperty("read_errors") long readErrors,
    @JsonProperty("write_errors") long writeErrors,
    long timeouts,
    @JsonProperty("non_2xx") long non2xx) {

  /** The prefix of the line the Lua script's {@code done} hook prints. */
  public static final String MARKER = "WRK_RESULT ";

  private static final ObjectReader READER = new ObjectMapper().readerFor(WrkResult.class)
      .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  /**
   * Finds the result line in wrk's output; empty when there is none (wrk failed before the end).
   *
   * @throws IllegalArgumentException if the line is there but is not a complete result
   */
  public static Optional<WrkResult> parse(String output) {
    for (String line : output.split("\\R")) {
      if (line.startsWith(MARKER)) {
        try {
          return Optional.of(READER.readValue(line.substring(MARKER.length())));
        } catch (IOException e) {
          throw new IllegalArgumentException("not a wrk result: " + line, e);
        }
      }
    }
    return Optional.empty();
  }

  /** Returns the completed requests per second. */
  public double requestsPerSecond() {
    return durationMicros == 0 ? 0 : requests * 1e6 / durationMicros;
  }

  /** Returns the socket errors and timeouts together. */
  public long socketErrors() {
    return connectErrors + readErrors + writeErrors + timeouts;
  }
}
