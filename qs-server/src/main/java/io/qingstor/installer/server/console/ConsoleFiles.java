package io.qingstor.installer.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The console's static files, read from the jar's resources into memory once. */
final class ConsoleFiles {
  static final String TEXT = "text/plain; charset=utf-8";

  /** Every file of the console; a file not listed here is not served. */
  static final List<String> NAMES = List.of("index.html", "console.css", "app.js",
      "api.js", "dom.js", "forms.js", "overview.js", "nodes.js", "config-form.js", "jobs.js");

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8");

  /** One file: its bytes and Content-Type. */
  record File(byte[] bytes, String contentType) {}

  private final Map<String, File> files;

  private ConsoleFiles(Map<String, File> files) {
    this.files = Map.copyOf(files);
  }

  /**
   * Reads every listed file.
   *
   * @throws IllegalStateException if one is missing from the jar (a build mistake)
   */
  static ConsoleFiles load() {
    Map<String, File> files = new HashMap<>();
    for (String name : NAMES) {
      try (InputStream in = ConsoleFiles.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("console file " + name + " is missing from the jar");
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        files.put(name, new File(in.readAllBytes(), TYPES.get(extension)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read console file " + name, e);
      }
    }
    return new ConsoleFiles(files);
  }

  /** The file named {@code name}, or null. */
  File get(String name) {
    return files.get(name);
  }
}
