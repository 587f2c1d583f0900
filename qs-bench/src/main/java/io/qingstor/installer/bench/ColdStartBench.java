package io.qingstor.installer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Server cold start: launches {@code java -jar qs-server.jar} on a fresh temp data directory and a
 * free port of 127.0.0.1, and times it from launch to the first 200 of {@code GET /healthz}
 * (polled every 2 ms), then reads the process' VmRSS; the same for {@link BareHttpServer} (the same
 * JVM starting Undertow and nothing else) and the wall time of {@code java -version}. Each round
 * runs all three, ours first in odd rounds and last in even ones; one unrecorded round first.
 *
 * <p>Options: {@code --server-jar}, {@code --bench-jar}, {@code --runs} (default 5), {@code
 * --java-opts} (space-separated JVM options of every launch, default none), {@code --out}.
 */
public final class ColdStartBench {

  private static final Set<String> OPTIONS = Set.of("server-jar", "bench-jar", "runs", "java-opts", "out");
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path serverJar;
  private final Path benchJar;
  private final List<String> javaOptions;

  private ColdStartBench(Path serverJar, Path benchJar, List<String> javaOptions) {
    this.serverJar = serverJar;
    this.benchJar = benchJar;
    this.javaOptions = javaOptions;
  }

  /** Runs the rounds and appends one line per launch to {@code --out}. */
  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, OPTIONS);
    String opts = args.text("java-opts", "").strip();
    ColdStartBench bench = new ColdStartBench(args.path("server-jar"), args.path("bench-jar"),
        opts.isEmpty() ? List.of() : List.of(opts.split("\\s+")));
    Path out = args.path("out");
    bench.round(0);
    for (int run = 1; run <= args.positive("runs", 5); run++) {
      for (StartupRun result : bench.round(run)) {
        Files.writeString(out, MAPPER.writeValueAsString(result) + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.err.printf("  %-16s run=%-2d %8.3f s  RSS %6d KiB%s%n", result.name(), result.run(), result.seconds(),
            result.rssKib(), result.ok() ? "" : "  FAILED: " + result.note());
      }
    }
  }

  private List<StartupRun> round(int run) throws IOException, InterruptedException {
    List<StartupRun> results = new ArrayList<>();
    if (run % 2 == 1) {
      results.add(ours(run));
    }
    results.add(bare(run));
    results.add(javaVersion(run));
    if (run % 2 == 0) {
      results.add(ours(run));
    }
    return results;
  }

  private StartupRun ours(int run) throws IOException, InterruptedException {
    Path temp = Files.createTempDirectory("qsbench-start");
    try {
      int port = freePort();
      List<String> command = java();
      command.addAll(List.of("-jar", serverJar.toString(), "--port", String.valueOf(port), "--data",
          temp.resolve("data").toString()));
      return untilHealthy("ours-server", run, command, port);
    } finally {
      deleteTree(temp);
    }
  }

  private StartupRun bare(int run) throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = java();
    command.addAll(List.of("-cp", benchJar.toString(), BareHttpServer.class.getName(), "--port", String.valueOf(port)));
    return untilHealthy("bare-undertow", run, command, port);
  }

  private StartupRun javaVersion(int run) throws IOException, InterruptedException {
    List<String> command = java();
    command.add("-version");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!exited || process.exitValue() != 0) {
      process.destroyForcibly();
      return new StartupRun("java-version", run, seconds, 0, false, "did not exit 0 in 30 s");
    }
    return new StartupRun("java-version", run, seconds, 0, true, null);
  }

  /** Launches {@code command} and polls until it answers healthy, then reads its RSS and stops it. */
  private static StartupRun untilHealthy(String name, int run, List<String> command, int port)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      while (!HealthProbe.healthy(port)) {
        if (!process.isAlive()) {
          return new StartupRun(name, run, (System.nanoTime() - start) / 1e9, 0, false,
              "exited with " + process.exitValue() + " before answering");
        }
        if (System.nanoTime() - start > DEADLINE_NANOS) {
          return new StartupRun(name, run, (System.nanoTime() - start) / 1e9, 0, false, "not healthy within 30 s");
        }
        Thread.sleep(2);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new StartupRun(name, run, seconds, ProcStatus.rssKib(process.pid()), true, null);
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private List<String> java() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    return command;
  }

  /** A free port of 127.0.0.1 (free when asked). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Deletes {@code root} and everything under it. */
  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
