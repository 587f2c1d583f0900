package io.qingstor.installer.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One wrk run of the status-polling benchmark, one JSON line of {@code bench/out/http.jsonl}.
 *
 * @param name the series, e.g. {@code ours-status} or {@code bare-undertow}
 * @param connections wrk's open connections
 * @param run the round's number, from 1
 * @param requestsPerSecond completed requests per second
 * @param p50Millis the median latency
 * @param p99Millis the 99th percentile latency
 * @param requests the completed requests
 * @param serverCpuSeconds the CPU time the server process used during the run
 * @param ok whether every answer had the expected status and no socket failed
 * @param note what went wrong, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PollRun(String name, int connections, int run, double requestsPerSecond, double p50Millis,
    double p99Millis, long requests, double serverCpuSeconds, boolean ok, String note) {

  /** Validates the fields. */
  public PollRun {
    requireNonNull(name, "name");
    if (connections < 0 || run < 0 || requests < 0) {
      throw new IllegalArgumentException("connections, run and requests must be >= 0");
    }
  }

  /** Returns the series key, e.g. {@code ours-status@64}. */
  public String series() {
    return name + "@" + connections;
  }

  /** Returns the server's CPU time per request in microseconds, or NaN without requests. */
  public double serverCpuMicrosPerRequest() {
    return requests == 0 ? Double.NaN : serverCpuSeconds * 1e6 / requests;
  }
}
