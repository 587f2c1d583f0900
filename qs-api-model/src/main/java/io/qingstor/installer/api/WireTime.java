package io.qingstor.installer.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The wire format of times: {@code yyyy-MM-dd HH:mm:ss} in UTC, as in the seed. */
public final class WireTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private WireTime() {}

  /** Formats an instant, or returns null for null. */
  public static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }

  /** Parses a wire time; throws {@link java.time.format.DateTimeParseException} when malformed. */
  public static Instant parse(String text) {
    return Instant.from(FORMAT.parse(text));
  }
}
