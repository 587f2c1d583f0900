package io.qingstor.installer.core.nodes;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs facts.sh with a given shell, fed on stdin as {@code sh -s} gets it over SSH. */
record ScriptRun(int exitCode, String stdout, String stderr) {
  private static final long TIMEOUT_SECONDS = 30;
  private static final List<String> BIN_DIRS =
      List.of("/bin", "/usr/bin", "/sbin", "/usr/sbin", "/usr/local/bin");

  /** Returns whether the shell ({@code /bin/sh}, {@code dash}, {@code busybox}) is here. */
  static boolean available(String shell) {
    return !find(shell).isEmpty();
  }

  /** Runs the script with the shell and extra environment (e.g. PATH, FACTS_ROOT). */
  static ScriptRun of(String shell, Map<String, String> env) {
    List<String> command = new ArrayList<>(List.of(find(shell)));
    command.addAll(shell.equals("busybox") ? List.of("sh", "-s") : List.of("-s"));
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("facts-out", ".txt");
      err = Files.createTempFile("facts-err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(FactsScript.text().getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("facts.sh did not finish within " + TIMEOUT_SECONDS + "s");
      }
      return new ScriptRun(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // A leftover temp file does not change the test's outcome.
    }
  }

  private static String find(String shell) {
    if (shell.startsWith("/")) {
      return Files.isExecutable(Path.of(shell)) ? shell : "";
    }
    return BIN_DIRS.stream().map(dir -> Path.of(dir, shell)).filter(Files::isExecutable)
        .map(Path::toString).findFirst().orElse("");
  }
}
