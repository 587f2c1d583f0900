package io.qingstor.installer.testing.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small helpers shared by the sandbox classes. */
final class TempTree {

  private TempTree() {
  }

  /** Deletes {@code directory} and everything under it, ignoring what cannot be deleted. */
  static void deleteQuietly(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // Best effort: a leftover temp file is harmless.
        }
      });
    } catch (IOException e) {
      // Best effort, as above.
    }
  }
}
