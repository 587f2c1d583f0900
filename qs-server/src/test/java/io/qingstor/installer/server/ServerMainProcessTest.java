package io.qingstor.installer.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ServerMain} in its own JVM: flags and environment, the URL line, SIGTERM. */
class ServerMainProcessTest {
  static final Pattern URL_LINE = Pattern.compile("qs-server listening on (http://127\\.0\\.0\\.1:\\d+/)");

  @TempDir Path dir;

  Process launch(Path stderr, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // The server's own logging (to stderr), not a logback-test.xml that a test jar on this
        // class path may bring: stdout must hold the URL line first, as scripts read it.
        "-Dlogback.configurationFile=logback.xml",
        "-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().put("QS_ADMIN_PASSWORD", InProcessServer.ADMIN_PASSWORD);
    builder.environment().put("QS_PBKDF2_ITERATIONS", String.valueOf(InProcessServer.ITERATIONS));
    return builder.start();
  }

  @Test
  void sigtermStopsTheServerCleanlyAndInterruptsTheRunningJob() throws Exception {
    Path data = dir.resolve("data");
    Path stderr = dir.resolve("stderr.log");
    long started = System.nanoTime();
    Process process = launch(stderr, "--port", "0", "--data", data.toString(),
        "--plan", Configs.slowPlan(dir).toString());
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
      String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
      long startMillis = (System.nanoTime() - started) / 1_000_000;
      Matcher url = URL_LINE.matcher(String.valueOf(line));
      assertThat(url.matches()).as(line + "\n" + Files.readString(stderr)).isTrue();
      System.out.println("ServerMain printed its URL " + startMillis + " ms after launch");

      Reply config = new ApiClient(url.group(1)).call(InProcessServer.ADMIN,
          InProcessServer.ADMIN_PASSWORD, "ConfigQingStor", Configs.validConfig());
      assertThat(config.retCode()).as(config.body()).isZero();

      process.destroy();

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
      assertThat(Files.readString(stderr)).contains("qs-server stopped");
      try (QsServer restarted = QsServer.start(InProcessServer.options(data).build())) {
        Reply status = new ApiClient(restarted.url()).call(InProcessServer.ADMIN,
            InProcessServer.ADMIN_PASSWORD, "GetConfigQingStorStatus",
            Map.of("job_id", config.json().path("job_id").asText()));
        assertThat(status.json().path("status").asText()).isEqualTo("failed");
        assertThat(status.json().path("error").asText()).contains("interrupted by shutdown");
      }
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aUsageErrorExitsWithStatus2AndSaysWhy() throws Exception {
    Path stderr = dir.resolve("stderr.log");
    Process process = launch(stderr, "--prot", "9080");

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readString(stderr)).contains("unknown option --prot");
  }

  @Test
  void helpPrintsEveryOptionAndExitsZero() throws Exception {
    Process process = launch(dir.resolve("stderr.log"), "--help");
    String help = new String(process.getInputStream().readAllBytes(), UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(help).contains("--port", "--tls-keystore", "--pbkdf2-iterations", "QS_DATA");
  }

  @Test
  void rotateSecretKeyResealsTheDataDirectoryAndExitsZero() throws Exception {
    Path data = dir.resolve("data");
    try (QsServer server = QsServer.start(InProcessServer.options(data).build())) {
      Reply added = new ApiClient(server.url()).call(InProcessServer.ADMIN,
          InProcessServer.ADMIN_PASSWORD, "AddNodes", Map.of("nodes", List.of(Map.of(
              "ip", "127.0.10.51", "ssh_user", "root", "ssh_password", "rotate-canary-pw"))));
      assertThat(added.retCode()).as(added.body()).isZero();
    }
    String oldKey = Files.readString(data.resolve("secret.key"));

    Process process = launch(dir.resolve("stderr.log"), "--rotate-secret-key", "--data",
        data.toString());
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("stderr.log"))).isZero();
    assertThat(out).contains("rotated the secret key in " + data.resolve("secret.key"));
    assertThat(Files.readString(data.resolve("secret.key"))).isNotEqualTo(oldKey);
    assertThat(Files.readString(data.resolve("nodes.json"))).doesNotContain("rotate-canary-pw");
    try (QsServer restarted = QsServer.start(InProcessServer.options(data).build())) {
      Reply nodes = new ApiClient(restarted.url()).call(InProcessServer.ADMIN,
          InProcessServer.ADMIN_PASSWORD, "DescribeNodes", Map.of());
      assertThat(nodes.body()).contains("127.0.10.51");
    }
  }

  @Test
  void rotateSecretKeyBesideARunningServerFailsWithStatus1ChangingNothing() throws Exception {
    Path data = dir.resolve("data");
    try (QsServer server = QsServer.start(InProcessServer.options(data).build())) {
      String key = Files.readString(data.resolve("secret.key"));

      Process process = launch(dir.resolve("stderr.log"), "--rotate-secret-key", "--data",
          data.toString());

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("stderr.log")))
          .contains("cannot rotate the secret key");
      assertThat(Files.readString(data.resolve("secret.key"))).isEqualTo(key);
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
