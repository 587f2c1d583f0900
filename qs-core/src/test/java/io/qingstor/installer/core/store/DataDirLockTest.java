package io.qingstor.installer.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.state.FileStateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One installer per data directory, whether the other one runs in this process or another. */
class DataDirLockTest {
  @TempDir Path data;

  @Test
  void aSecondStoreInThisProcessIsRefusedNamingTheDirectory() {
    try (FileStateStore first = new FileStateStore(data)) {
      assertThatThrownBy(() -> new FileStateStore(data))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("data directory " + data.toAbsolutePath().normalize())
          .hasMessageContaining("in use by another installer (this process)");
    }
  }

  @Test
  void theDirectoryOpensAgainOnceTheStoreIsClosed() {
    new FileStateStore(data).close();

    try (FileStateStore again = new FileStateStore(data)) {
      assertThat(again.loadPlatform()).isEmpty();
    }
  }

  @Test
  void theLockFileIsPrivate() throws Exception {
    try (FileStateStore store = new FileStateStore(data)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("lock"))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void anotherProcessHoldingItIsNamedByPidAndItsDeathReleasesIt() throws Exception {
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"),
        LockHolderProbe.class.getName(), data.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");

      assertThatThrownBy(() -> new FileStateStore(data))
          .hasMessageContaining("in use by another installer (process " + holder.pid() + ")");

      holder.destroyForcibly();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      new FileStateStore(data).close();
    } finally {
      holder.destroyForcibly();
    }
  }
}
