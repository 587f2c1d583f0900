package io.qingstor.installer.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.qingstor.installer.client.QsClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's server command, {@code java -jar qs-server/target/qs-server.jar}, starts and
 * answers: the shaded jar carries every dependency, its service files and its logging config.
 * qs-server is packaged before this module's tests run in the reactor ({@code mvn verify}).
 */
class ServerJarTest {
  private static final Path JAR = Path.of("..", "qs-server", "target", "qs-server.jar");
  private static final Pattern URL_LINE =
      Pattern.compile(".*qs-server listening on (http://127\\.0\\.0\\.1:\\d+/).*");
  private static final String ADMIN_PASSWORD = "jar-admin-pw";

  @TempDir Path dir;

  @Test
  void theShadedJarStartsAnswersAndStopsOnSigterm() throws Exception {
    assumeThat(JAR).as("qs-server is packaged (run from the root: mvn verify)").exists();
    Path stderr = dir.resolve("stderr.log");
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString(), "--port", "0", "--data", dir.resolve("data").toString()))
        .redirectError(stderr.toFile());
    builder.environment().put("QS_ADMIN_PASSWORD", ADMIN_PASSWORD);
    Process process = builder.start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
      String line = CompletableFuture.supplyAsync(() -> firstUrlLine(out))
          .get(60, TimeUnit.SECONDS);
      Matcher url = URL_LINE.matcher(String.valueOf(line));
      assertThat(url.matches()).as(line + "\n" + Files.readString(stderr)).isTrue();

      try (QsClient client = QsClient.builder().endpoint(url.group(1)).userId("admin")
          .password(ADMIN_PASSWORD).build()) {
        assertThat(client.describeQingStor().qingstor().status()).isEqualTo("new");
      }

      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
    } finally {
      process.destroyForcibly();
    }
  }

  private static String firstUrlLine(BufferedReader out) {
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (URL_LINE.matcher(line).matches()) {
          return line;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
