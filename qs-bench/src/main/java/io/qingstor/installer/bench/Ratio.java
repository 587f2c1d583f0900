package io.qingstor.installer.bench;

/**
 * How one series' figures compare to another's: the ratio of the medians, and the range the
 * ratio spans between the most and least favourable pairing of runs.
 *
 * @param median the numerator's median over the denominator's median
 * @param low the numerator's minimum over the denominator's maximum
 * @param high the numerator's maximum over the denominator's minimum
 */
public record Ratio(double median, double low, double high) {

  /** Returns {@code numerator / denominator}. */
  public static Ratio of(Stats numerator, Stats denominator) {
    return new Ratio(numerator.median() / denominator.median(), numerator.min() / denominator.max(),
        numerator.max() / denominator.min());
  }

  /** Returns e.g. {@code 0.31x (0.25x-0.40x)}. */
  public String text() {
    return Markdown.ratio(median) + " (" + Markdown.ratio(low) + "-" + Markdown.ratio(high) + ")";
  }
}
