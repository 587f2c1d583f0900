package io.qingstor.installer.core.exec;

import java.time.Duration;

/** Small helpers for durations in messages and measurements. */
final class Durations {

  private Durations() {
  }

  /** Returns the time elapsed since {@code startNanos} (a {@link System#nanoTime()} value). */
  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Returns a short human form: {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m30s}. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = duration.toSeconds();
    return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
  }

  /**
   * Requires {@code duration} to be positive.
   *
   * @throws IllegalArgumentException naming {@code name} if it is zero or negative
   */
  static Duration requirePositive(Duration duration, String name) {
    if (duration == null) {
      throw new NullPointerException(name);
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
    return duration;
  }

  /** Formats a byte count as people read it: {@code 64 MiB}, {@code 512 KiB}, {@code 100 bytes}. */
  static String bytes(long count) {
    if (count >= 1024 * 1024 && count % (1024 * 1024) == 0) {
      return count / (1024 * 1024) + " MiB";
    }
    if (count >= 1024 && count % 1024 == 0) {
      return count / 1024 + " KiB";
    }
    return count + " bytes";
  }
}
