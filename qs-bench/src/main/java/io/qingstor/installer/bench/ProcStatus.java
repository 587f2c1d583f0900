package io.qingstor.installer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a process' resident set size from {@code /proc/<pid>/status} (Linux). */
final class ProcStatus {

  private ProcStatus() {
  }

  /**
   * Returns the VmRSS of process {@code pid} in KiB.
   *
   * @throws IOException if the file cannot be read or has no VmRSS line
   */
  static long rssKib(long pid) throws IOException {
    return rssKib(Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"), StandardCharsets.US_ASCII));
  }

  /**
   * Returns the VmRSS of a {@code /proc/<pid>/status} text, in KiB.
   *
   * @throws IOException if there is no well-formed VmRSS line
   */
  static long rssKib(List<String> statusLines) throws IOException {
    for (String line : statusLines) {
      if (line.startsWith("VmRSS:")) {
        String[] fields = line.substring("VmRSS:".length()).strip().split("\\s+");
        if (fields.length == 2 && fields[1].equals("kB")) {
          try {
            return Long.parseLong(fields[0]);
          } catch (NumberFormatException e) {
            break;
          }
        }
        break;
      }
    }
    throw new IOException("no VmRSS line of the form 'VmRSS: <n> kB'");
  }
}
