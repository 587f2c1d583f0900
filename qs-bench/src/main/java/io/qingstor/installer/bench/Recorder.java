package io.qingstor.installer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends measurements as JSON lines to a results file and echoes each as a readable line on
 * standard error, so a long run shows progress.
 */
public final class Recorder {

  private final Path file;
  private final ObjectMapper mapper = new ObjectMapper();

  /** A recorder appending to {@code file} (created if missing). */
  public Recorder(Path file) {
    this.file = file;
  }

  /**
   * Records one measurement.
   *
   * @throws UncheckedIOException if the results file cannot be written
   */
  public void record(Measurement measurement) {
    record(measurement, true);
  }

  /**
   * Records one measurement, echoing it only when {@code echo} is true.
   *
   * @throws UncheckedIOException if the results file cannot be written
   */
  public void record(Measurement measurement, boolean echo) {
    try {
      String line = mapper.writeValueAsString(measurement) + "\n";
      Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!echo) {
      return;
    }
    System.err.printf(Locale.ROOT, "  %-32s nodes=%-4d run=%-2d %8.3f s %s%n", measurement.name(),
        measurement.nodes(), measurement.run(), measurement.seconds(),
        measurement.ok() ? (measurement.note() == null ? "" : measurement.note()) : "FAILED: " + measurement.note());
  }
}
