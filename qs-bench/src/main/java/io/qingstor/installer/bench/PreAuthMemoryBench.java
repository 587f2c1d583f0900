package io.qingstor.installer.bench;

import io.qingstor.installer.testing.StalledBodies;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How fast the server answers an operator during the pre-authentication memory attack:
 * {@code qs-server.jar} in its own JVM with a 256 MiB heap ({@code -XX:+ExitOnOutOfMemoryError},
 * as docs/security.md launches it), 1,200 connections from 127.0.0.2 that each declare a 1 MiB
 * body, send 1,040,000 bytes of it and stall ({@link StalledBodies}, the attack of qs-server's
 * {@code PreAuthMemoryTest}), and probes from 127.0.0.3 every 100 ms: a new connection, {@code GET
 * /healthz}, then an authenticated {@code DescribeQingStor} (the admin's verification cached).
 * The baseline is the same probing with no attack, just before. The target: every probe answered
 * within 1 s under the attack, the server alive and no {@code OutOfMemoryError}.
 *
 * <p>Run: {@code java -cp qs-bench/target/benchmarks.jar
 * io.qingstor.installer.bench.PreAuthMemoryBench --server-jar qs-server/target/qs-server.jar --out
 * bench/out/pre-auth.md [--seconds 10] [--connections 1200] [--sources 1] [--java-opts "..."]}
 * ({@code --sources N}: the connections spread over N addresses from 127.0.71.1, e.g. under the
 * server's per-address limit; {@code --java-opts}: more options for the server's JVM, e.g. {@code
 * -Xlog:gc} into its log).
 */
public final class PreAuthMemoryBench {
  private static final String PASSWORD = "bench-admin-password";
  private static final int DECLARED = 1_048_576;
  private static final int SENT = 1_040_000;
  private static final long PROBE_EVERY_MILLIS = 100;
  private static final long ATTACK_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(120);

  private PreAuthMemoryBench() {}

  /** Runs the baseline and the attacks and writes the markdown section to {@code --out}. */
  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, Set.of("server-jar", "out", "seconds", "connections", "attacks",
        "sources", "java-opts"));
    int seconds = args.positive("seconds", 10);
    int connections = args.positive("connections", 1_200);
    int rounds = args.positive("attacks", 2);
    List<InetSocketAddress> sources = sources(args.positive("sources", 1));
    Path temp = Files.createTempDirectory("qs-pre-auth");
    Path log = temp.resolve("server.log");
    int port = ColdStartBench.freePort();
    String javaOptions = args.text("java-opts", "").strip();
    Process server = launch(args.path("server-jar"), temp.resolve("data"), port, log,
        javaOptions.isEmpty() ? List.of() : List.of(javaOptions.split("\\s+")));
    try {
      awaitHealthy(server, port);
      new Probes().probe(port); // the admin's verification is cached from here on
      Probes baseline = probeFor(port, deadlineIn(seconds));
      List<Attack> attacks = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        attacks.add(attack(server, port, sources, connections, seconds));
      }
      boolean alive = server.isAlive();
      boolean oom = Files.readString(log).contains("OutOfMemoryError");
      String report = report(baseline, attacks, connections, sources, alive, oom);
      System.out.print(report);
      Files.writeString(args.path("out"), report);
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
      ColdStartBench.deleteTree(temp);
    }
  }

  /**
   * Where the attack comes from: 127.0.0.2 alone, or {@code count} addresses 127.0.71.1 and up,
   * each below the server's per-address connection limit when the connections are spread thin.
   */
  private static List<InetSocketAddress> sources(int count) {
    List<InetSocketAddress> sources = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      sources.add(new InetSocketAddress(count == 1 ? "127.0.0.2" : "127.0.71." + i, 0));
    }
    return sources;
  }

  /** One attack: the probes during it, what became of its connections, its surge. */
  private record Attack(Probes probes, int stalled, int refused, Surge surge) {}

  /**
   * Attacks until every connection stalled or was refused (the surge), probing meanwhile, then
   * probes {@code seconds} more beside the admitted connections, and closes them all.
   */
  private static Attack attack(Process server, int port, List<InetSocketAddress> sources,
      int connections, int seconds) throws Exception {
    CpuMeter.Reading before = CpuMeter.read();
    double serverBefore = cpuSeconds(server);
    long started = System.nanoTime();
    try (StalledBodies attack = new StalledBodies(sources,
        new InetSocketAddress("127.0.0.1", port), connections, DECLARED, SENT)) {
      long settleBy = started + ATTACK_DEADLINE_NANOS;
      Probes probes = probeUntil(port, () -> attack.settled(connections)
          || System.nanoTime() > settleBy);
      CpuMeter.Reading used = CpuMeter.read().since(before);
      Surge surge = new Surge((System.nanoTime() - started) / 1e9,
          cpuSeconds(server) - serverBefore, used.jvmSeconds(), used.machineSeconds());
      probes.addAll(probeFor(port, deadlineIn(seconds)));
      return new Attack(probes, attack.stalled(), attack.closedByServer(), surge);
    }
  }

  private static double cpuSeconds(Process process) {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
  }

  /** Until every attacking connection stalled or was refused: wall time and CPU seconds used. */
  private record Surge(double seconds, double serverCpu, double benchCpu, double machineCpu) {}

  private static Process launch(Path jar, Path data, int port, Path log, List<String> javaOptions)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
    command.addAll(javaOptions);
    command.addAll(List.of("-jar", jar.toString(),
        "--bind", "127.0.0.1", "--port", String.valueOf(port), "--data", data.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("QS_ADMIN_PASSWORD", PASSWORD);
    return builder.start();
  }

  private static void awaitHealthy(Process server, int port) throws InterruptedException {
    long deadline = deadlineIn(60);
    while (!HealthProbe.healthy(port)) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the server did not answer /healthz within 60 s");
      }
      Thread.sleep(20);
    }
  }

  private static long deadlineIn(int seconds) {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
  }

  private static Probes probeFor(int port, long deadline) throws InterruptedException {
    return probeUntil(port, () -> System.nanoTime() > deadline);
  }

  private static Probes probeUntil(int port, BooleanSupplier done) throws InterruptedException {
    Probes probes = new Probes();
    while (!done.getAsBoolean()) {
      probes.probe(port);
      Thread.sleep(PROBE_EVERY_MILLIS); // the probing rate, not a wait for anything
    }
    return probes;
  }

  /** The latencies of a phase's probes, in ms, and the probes that failed. */
  private static final class Probes {
    final List<Double> connect = new ArrayList<>();
    final List<Double> healthz = new ArrayList<>();
    final List<Double> status = new ArrayList<>();
    final List<String> failures = new ArrayList<>();

    void probe(int port) {
      long started = System.nanoTime();
      try (ApiConnection connection = new ApiConnection(port, "127.0.0.3")) {
        long connected = System.nanoTime();
        int health = connection.healthz();
        long between = System.nanoTime();
        int retCode = connection.call("admin", PASSWORD);
        long ended = System.nanoTime();
        connect.add((connected - started) / 1e6);
        healthz.add((between - started) / 1e6);
        status.add((ended - between) / 1e6);
        if (health != 200 || retCode != 0) {
          failures.add("healthz " + health + ", DescribeQingStor ret_code " + retCode);
        }
      } catch (IOException e) {
        failures.add(e.toString());
      }
    }

    void addAll(Probes more) {
      connect.addAll(more.connect);
      healthz.addAll(more.healthz);
      status.addAll(more.status);
      failures.addAll(more.failures);
    }

    double slowest() {
      double max = 0;
      for (int i = 0; i < healthz.size(); i++) {
        max = Math.max(max, healthz.get(i) + status.get(i));
      }
      return max;
    }

    String row(String phase) {
      return String.format("| %s | %d | %.1f / %.1f | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f"
          + " | %.1f | %d |%n",
          phase, healthz.size() + failures.size(),
          Stats.percentile(connect, 0.99), Stats.percentile(connect, 1),
          Stats.percentile(healthz, 0.5), Stats.percentile(healthz, 0.99),
          Stats.percentile(healthz, 1), Stats.percentile(status, 0.5),
          Stats.percentile(status, 0.99), Stats.percentile(status, 1), slowest(),
          failures.size());
    }
  }

  private static String report(Probes baseline, List<Attack> attacks, int connections,
      List<InetSocketAddress> sources, boolean alive, boolean oom) {
    StringBuilder rows = new StringBuilder(baseline.row("baseline: no attack"));
    StringBuilder surges = new StringBuilder();
    double slowest = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < attacks.size(); i++) {
      Attack attack = attacks.get(i);
      String name = i == 0 ? "attack 1 (fresh server)" : "attack " + (i + 1);
      rows.append(attack.probes().row(name));
      Surge surge = attack.surge();
      surges.append(String.format("- %s: %,d connections sent everything and stalled, %,d were"
          + " refused by the server; it took %.1f s to settle, in which the server used %.2f s of"
          + " CPU, this JVM (attacker and prober) %.2f s, the whole machine %.2f s of its %.1f.%n",
          name, attack.stalled(), attack.refused(), surge.seconds(), surge.serverCpu(),
          surge.benchCpu(), surge.machineCpu(),
          surge.seconds() * Runtime.getRuntime().availableProcessors()));
      slowest = Math.max(slowest, attack.probes().slowest());
      failures.addAll(attack.probes().failures);
    }
    boolean met = slowest < 1000 && failures.isEmpty() && alive && !oom;
    String from = sources.size() == 1 ? "127.0.0.2"
        : sources.size() + " addresses (127.0.71.1 and up)";
    return String.format("## Probes during the pre-authentication memory attack%n%n"
        + "`qs-server.jar` with `-Xmx256m -XX:+ExitOnOutOfMemoryError`; %,d connections from"
        + " %s each declare a 1 MiB body, send 1,040,000 bytes and stall; every 100 ms a"
        + " probe from 127.0.0.3 opens a connection, asks `GET /healthz` (connection included in"
        + " its time), then an authenticated `DescribeQingStor`. Baseline: the same probes just"
        + " before the first attack; each attack probes until its connections settle and 10 s"
        + " more, then closes them.%n%n"
        + "| phase | probes | connect p99 / max ms | healthz p50 / p99 / max ms"
        + " | status p50 / p99 / max ms | slowest probe ms | failed |%n"
        + "|---|---|---|---|---|---|---|%n%s%n%s%n"
        + "Server alive afterwards: %s; OutOfMemoryError in its output: %s. Slowest probe under"
        + " attack %.0f ms, %.1fx the baseline's slowest (%.1f ms); target: every probe within"
        + " 1,000 ms, none failed, no OOM: **%s**.%n%s",
        connections, from, rows, surges, alive ? "yes" : "**no**", oom ? "**yes**" : "none",
        slowest, slowest / baseline.slowest(), baseline.slowest(), met ? "met" : "missed",
        failures.isEmpty() ? "" : String.format("%nFailed probes: %s%n",
            String.join("; ", failures.subList(0, Math.min(5, failures.size())))));
  }
}
