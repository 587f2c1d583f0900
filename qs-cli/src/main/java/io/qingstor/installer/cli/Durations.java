package io.qingstor.installer.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 500ms}, {@code 90s}, {@code 30m} or {@code 2h} from the command line. */
final class Durations implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String text = value.trim();
    int split = 0;
    while (split < text.length() && Character.isDigit(text.charAt(split))) {
      split++;
    }
    if (split == 0 || split > 9) {
      throw new TypeConversionException("'" + value + "' is not a duration such as 90s, 30m or 2h");
    }
    long amount = Long.parseLong(text.substring(0, split));
    Duration duration = switch (text.substring(split)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> throw new TypeConversionException("'" + value
          + "' needs a unit: ms, s, m or h (e.g. 30m)");
    };
    if (duration.isZero()) {
      throw new TypeConversionException("'" + value + "' must be positive");
    }
    return duration;
  }
}
