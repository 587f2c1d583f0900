package io.qingstor.installer.bench;

import static java.util.Objects.requireNonNull;

/**
 * A performance goal and whether the run met it.
 *
 * @param goal what is wanted, e.g. {@code warm fan-out to 50 nodes < 0.2 s}
 * @param measured the figure that decides it, as text
 * @param met true or false, or null when the figure is missing (a baseline could not run)
 */
public record Target(String goal, String measured, Boolean met) {

  /** Validates the fields. */
  public Target {
    requireNonNull(goal, "goal");
    requireNonNull(measured, "measured");
  }

  /** Returns {@code met}, {@code MISSED} or {@code not measured}. */
  public String verdict() {
    return met == null ? "not measured" : met ? "met" : "MISSED";
  }
}
