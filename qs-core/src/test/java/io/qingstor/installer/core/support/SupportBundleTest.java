package io.qingstor.installer.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.engine.Fleet;
import io.qingstor.installer.core.store.LogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The support bundle of a configured platform, unpacked with the system's {@code tar}: what a
 * bug report needs is there, and no secret is, wherever it was.
 */
class SupportBundleTest {
  private static final String HOST_SECRET = "tls-canary-" + Long.toHexString(System.nanoTime());

  @TempDir Path data;
  @TempDir Path unpacked;

  @Test
  void theBundleHoldsStateJobsAndLogsWithEverySecretReplaced() throws Exception {
    try (QingStorCore core = QingStorCore.builder().dataDir(data).build();
        Fleet fleet = new Fleet(6, 140)) {
      fleet.register(core);
      String jobId = core.configQingStor(Fleet.seedTopology(), "admin").jobId();
      assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();
      // A secret that leaked into a log line is caught by its value.
      core.store().appendLog(jobId, 0, new LogEntry(Instant.now(), "n-1", "stderr",
          "leaked " + Fleet.NODE_PASSWORD + " and " + Fleet.ANSIBLE_PASS));

      String bundle = core.getSupportBundle(List.of(new SupportFile("server/options.txt",
          "tls_password=" + HOST_SECRET)), List.of(HOST_SECRET)).bundle();

      Map<String, String> files = unpack(Base64.getDecoder().decode(bundle));
      assertThat(files).containsKeys("qs-support/versions.json", "qs-support/state/nodes.json",
          "qs-support/state/platform.json", "qs-support/state/configs/000001.json",
          "qs-support/jobs/" + jobId + "/job.json", "qs-support/jobs/" + jobId + "/step-0.log",
          "qs-support/server/options.txt");
      assertThat(files.get("qs-support/state/nodes.json")).contains("\"n-6\"", "\"***\"");
      assertThat(files.get("qs-support/jobs/" + jobId + "/step-0.log")).contains("leaked ***");
      assertThat(files.get("qs-support/versions.json")).contains("installer", "java");
      files.forEach((name, content) -> assertThat(content).as(name)
          .doesNotContain(Fleet.NODE_PASSWORD).doesNotContain(Fleet.ANSIBLE_PASS)
          .doesNotContain(HOST_SECRET));
    }
  }

  @Test
  void aLongStepLogKeepsItsLastLines() throws Exception {
    try (QingStorCore core = QingStorCore.builder().dataDir(data).build();
        Fleet fleet = new Fleet(6, 150)) {
      fleet.register(core);
      String jobId = core.configQingStor(Fleet.seedTopology(), "admin").jobId();
      assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();
      for (int i = 0; i < SupportBundle.LOG_LINES + 50; i++) {
        core.store().appendLog(jobId, 0, new LogEntry(Instant.now(), null, "info", "line " + i));
      }

      Map<String, String> files = unpack(Base64.getDecoder().decode(
          core.getSupportBundle(List.of(), List.of()).bundle()));

      String log = files.get("qs-support/jobs/" + jobId + "/step-0.log");
      assertThat(log).contains("lines are left out").contains("line " + (SupportBundle.LOG_LINES + 49))
          .doesNotContain("line 49\n");
      assertThat(log.lines().count()).isEqualTo(SupportBundle.LOG_LINES + 1);
    }
  }

  private Map<String, String> unpack(byte[] tarGz) throws Exception {
    Path archive = unpacked.resolve("bundle.tar.gz");
    Files.write(archive, tarGz);
    Path into = Files.createDirectories(unpacked.resolve("out"));
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
        .redirectErrorStream(true).start();
    assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
    try (Stream<Path> walk = Files.walk(into)) {
      return walk.filter(Files::isRegularFile).collect(Collectors.toMap(
          p -> into.relativize(p).toString(), p -> {
            try {
              return Files.readString(p);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }));
    }
  }
}
