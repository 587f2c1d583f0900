package io.qingstor.installer.core.swift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swift plan's {@code services.py wait-drained} on a brick tree laid out as Swift lays it
 * out ({@code srv/node/BRICK/objects/PARTITION/SUFFIX/HASH/TIMESTAMP.data}), no Swift needed:
 * it waits while data files are left and ends once they are gone, whether a whole partition
 * goes (seen at its next look) or only a file deep inside one (seen at its next progress line).
 */
class DrainWaitScriptTest {
  private static final long DEADLINE_SECONDS = 60;

  @TempDir Path root;
  private Path script;
  private Path partition;
  private Path data;
  private Process process;

  @BeforeEach
  void layOutABrickWithOneObject() throws IOException {
    script = root.resolve("services.py");
    try (InputStream in = getClass().getResourceAsStream(
        "/io/qingstor/installer/core/plans/swift/files/services.py")) {
      Files.copy(in, script);
    }
    partition = root.resolve("srv/node/sdb-b1/objects/123");
    Path hash = Files.createDirectories(partition.resolve("abc/0123456789abcdef0123456789abcabc"));
    data = Files.writeString(hash.resolve("1700000000.00000.data"), "object");
    Files.createDirectories(root.resolve("srv/node/sdb-b1/containers"));
  }

  @AfterEach
  void stop() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  @Test
  void aNodeWhosePartitionWasHandedOverIsDrained() throws Exception {
    Path output = start(60);
    awaitLine(output, "1 files left to hand over (sdb-b1 1)");

    deleteTree(partition);

    assertThat(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(Files.readString(output)).contains("drained: no object, container or account file"
        + " left under " + root.resolve("srv/node"));
  }

  @Test
  void aFileRemovedDeepInAPartitionIsSeenAtTheNextCount() throws Exception {
    Path output = start(60);
    awaitLine(output, "1 files left to hand over");

    Files.delete(data);

    assertThat(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(Files.readString(output)).contains("drained:");
  }

  @Test
  void dataLeftPastTheTimeoutFailsSayingWhatIsLeftAndWhereTheLogsAre() throws Exception {
    Path output = start(0);

    assertThat(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(Files.readString(output)).contains("still holding data after 0s (sdb-b1 1 files)",
        root.resolve("log/swift").toString(), "force: true");
  }

  private Path start(int timeoutSeconds) throws IOException {
    Path output = root.resolve("out.txt");
    process = new ProcessBuilder("python3", script.toString(), root.toString(), "wait-drained",
        String.valueOf(timeoutSeconds)).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    return output;
  }

  private void awaitLine(Path output, String text) throws Exception {
    Awaitility.await().atMost(Duration.ofSeconds(DEADLINE_SECONDS))
        .until(() -> Files.readString(output, StandardCharsets.UTF_8).contains(text));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
