package io.qingstor.installer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The parent's side of a {@link FollowerProcess}: started once (same JVM binary and class path,
 * two common-pool threads), then told which job to follow, one round at a time. Closing it ends
 * the process.
 */
final class FollowerFleet implements AutoCloseable {
  private final Process process;
  private final Writer commands;
  private final BufferedReader answers;
  private final Path work;
  private int round;

  /** What the followers of one job saw, and the CPU seconds their JVM used. */
  record Result(List<Double> delaysMillis, int busy, double cpuSeconds) {
  }

  private FollowerFleet(Process process, Path work) {
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    this.work = work;
  }

  static FollowerFleet start(String url, String credentials, int followers, String client,
      Path work) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(java,
        "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
        "-cp", System.getProperty("java.class.path"), FollowerProcess.class.getName(),
        "--url", url, "--credentials", credentials, "--followers", String.valueOf(followers),
        "--client", client)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    FollowerFleet fleet = new FollowerFleet(process, work);
    fleet.expect("ready");
    return fleet;
  }

  /** Starts following {@code jobId}; completes once every follower has read its step 0. */
  CompletableFuture<Result> follow(String jobId) throws IOException {
    Path file = work.resolve("delays-" + (++round) + ".txt");
    commands.write("follow " + jobId + " " + file + "\n");
    commands.flush();
    return CompletableFuture.supplyAsync(() -> {
      try {
        String[] done = expect("done ").split(" ");
        List<Double> delays = Files.readAllLines(file).stream().filter(l -> !l.isBlank())
            .map(Double::valueOf).toList();
        return new Result(delays, Integer.parseInt(done[1]), Double.parseDouble(done[2]));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, runnable -> new Thread(runnable, "follower-fleet-answer").start());
  }

  private String expect(String prefix) throws IOException {
    String line = answers.readLine();
    if (line == null || !line.startsWith(prefix)) {
      throw new IOException("the follower process answered '" + line + "' (expected '" + prefix
          + "...'; its errors are on this process' stderr)");
    }
    return line;
  }

  @Override
  public void close() throws Exception {
    commands.close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
