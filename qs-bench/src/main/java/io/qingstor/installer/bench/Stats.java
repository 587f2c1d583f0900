package io.qingstor.installer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The minimum, median and maximum of a series of samples, with how many there were.
 *
 * @param count the number of samples
 * @param min the smallest sample
 * @param median the middle sample (the mean of the two middle ones for an even count)
 * @param max the largest sample
 */
public record Stats(int count, double min, double median, double max) {

  /**
   * Summarises {@code samples}.
   *
   * @throws IllegalArgumentException if there are no samples
   */
  public static Stats of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Stats(n, sorted.get(0), median, sorted.get(n - 1));
  }

  /**
   * The nearest-rank {@code p} percentile of {@code samples} ({@code p} in (0, 1]).
   *
   * @throws IllegalArgumentException if there are no samples
   */
  public static double percentile(List<Double> samples, double p) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
  }
}
