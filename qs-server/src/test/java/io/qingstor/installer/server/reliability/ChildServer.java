package io.qingstor.installer.server.reliability;

import static org.awaitility.Awaitility.await;

import io.qingstor.installer.server.ServerMain;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link ServerMain} in a child JVM on this test's class path, its stdout and stderr in files
 * (never a pipe nobody drains). {@link #close()} kills it if it still runs.
 */
final class ChildServer implements AutoCloseable {
  private static final Pattern URL_LINE =
      Pattern.compile("(?m)^qs-server listening on (http://127\\.[0-9.]+:\\d+/)$");

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private ChildServer(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts {@code ServerMain args} with the admin password and cheap hashing in its environment. */
  static ChildServer launch(Path workDir, String... args) throws IOException {
    return launch(workDir, List.of(), args);
  }

  /** As {@link #launch(Path, String...)}, with JVM options such as {@code -Xmx256m}. */
  static ChildServer launch(Path workDir, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        ServerMain.class.getName()));
    command.addAll(List.of(args));
    Path out = workDir.resolve("child.out");
    Path err = workDir.resolve("child.err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("QS_ADMIN_PASSWORD", JsonClient.ADMIN_PASSWORD);
    builder.environment().put("QS_PBKDF2_ITERATIONS", String.valueOf(InProcessServer.ITERATIONS));
    return new ChildServer(builder.start(), out, err);
  }

  /** Waits for the URL line the server prints once it listens, and returns the URL. */
  String awaitUrl() {
    String[] url = new String[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError("the child server exited with " + process.exitValue() + ":\n"
            + read(stderr));
      }
      Matcher matcher = URL_LINE.matcher(read(stdout));
      url[0] = matcher.find() ? matcher.group(1) : null;
      return url[0] != null;
    });
    return url[0];
  }

  /** Whether the JVM still runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** The JVM's process id. */
  long pid() {
    return process.pid();
  }

  /** kill -9, and waits until the JVM is gone. */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the child server survived kill -9");
    }
  }

  /** What the child wrote to stderr (its log). */
  String stderr() {
    return read(stderr);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      killHard();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
