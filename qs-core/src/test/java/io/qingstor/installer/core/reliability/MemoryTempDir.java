package io.qingstor.installer.core.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temp directories in {@code /dev/shm} (tmpfs) when there is one, for tests that copy and open
 * data directories thousands of times: what they check is the logical state a crash leaves, which
 * tmpfs keeps the same, while a shared disk makes each metadata operation slow.
 */
final class MemoryTempDir implements TempDirFactory {
  private static final Path SHM = Path.of("/dev/shm");

  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension)
      throws IOException {
    return Files.isDirectory(SHM) && Files.isWritable(SHM)
        ? Files.createTempDirectory(SHM, "qs-reliability-")
        : Files.createTempDirectory("qs-reliability-");
  }
}
