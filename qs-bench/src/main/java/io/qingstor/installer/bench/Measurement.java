package io.qingstor.installer.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One timed run, one JSON line of a results file: the shell harness and {@link SshFanOutBench}
 * write the same shape, {@link ResultsReport} reads them all.
 *
 * @param name what was measured, e.g. {@code ours-true-cold} or {@code ansible-command-warm}
 * @param nodes how many nodes the run addressed
 * @param run the run's number, from 1
 * @param seconds the wall-clock time of the run
 * @param ok whether every node succeeded (a failed run is reported, never counted as a time)
 * @param note what went wrong, or other context; null when there is nothing to say
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Measurement(String name, int nodes, int run, double seconds, boolean ok, String note) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if {@code nodes} or {@code run} is negative or
   *     {@code seconds} is negative or not finite
   */
  public Measurement {
    requireNonNull(name, "name");
    if (nodes < 0 || run < 0) {
      throw new IllegalArgumentException("nodes and run must be >= 0, were " + nodes + ", " + run);
    }
    if (!Double.isFinite(seconds) || seconds < 0) {
      throw new IllegalArgumentException("seconds must be finite and >= 0, was " + seconds);
    }
  }

  /** Returns the measurement's series key: its name and node count, e.g. {@code ours-true-cold@50}. */
  public String series() {
    return name + "@" + nodes;
  }
}
