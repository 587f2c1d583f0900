package io.qingstor.installer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the report says about the machine, read from /proc and /etc where they exist. */
final class Machine {

  private Machine() {
  }

  /** Returns the CPU model name, or the architecture when unknown. */
  static String cpuModel() {
    return field(Path.of("/proc/cpuinfo"), "model name", ':').orElse(System.getProperty("os.arch"));
  }

  /** Returns the total memory, e.g. {@code 23.4 GiB}. */
  static String memory() {
    return field(Path.of("/proc/meminfo"), "MemTotal", ':')
        .map(value -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(value.replace("kB", "").strip()) / 1048576.0))
        .orElse("unknown");
  }

  /** Returns the OS release and kernel. */
  static String os() {
    String release = field(Path.of("/etc/os-release"), "PRETTY_NAME", '=').map(v -> v.replace("\"", ""))
        .orElse(System.getProperty("os.name"));
    return release + ", kernel " + System.getProperty("os.version");
  }

  private static Optional<String> field(Path file, String key, char separator) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        int at = line.indexOf(separator);
        if (at > 0 && line.substring(0, at).strip().equals(key)) {
          return Optional.of(line.substring(at + 1).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // The figure is informational: fall back to the caller's default.
    }
    return Optional.empty();
  }
}
