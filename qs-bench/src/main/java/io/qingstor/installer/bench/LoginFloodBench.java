package io.qingstor.installer.bench;

import io.qingstor.installer.server.QsServer;
import io.qingstor.installer.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cached status polls under a failed-login flood: an admin polls {@code DescribeQingStor} over
 * kept-alive connections from 127.0.0.3 against the real server (600,000-iteration PBKDF2), first
 * alone (the baseline) and then while {@code --flooders} clients on 127.0.0.1 log in as random
 * users in a loop, each such login a full hashing if the server let it run. Reports each phase's
 * p50 and p99 latency, how many polls got anything but ret_code 0, and the p99 ratio.
 *
 * <p>Run: {@code java -cp qs-bench/target/benchmarks.jar io.qingstor.installer.bench.LoginFloodBench
 * --out bench/out/login-flood.md [--seconds 20] [--pollers 4] [--flooders 100]}.
 */
public final class LoginFloodBench {
  private static final String PASSWORD = "bench-admin-password";

  private LoginFloodBench() {}

  /** Runs both phases and writes the markdown section to {@code --out}. */
  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, Set.of("out", "seconds", "pollers", "flooders"));
    int seconds = args.positive("seconds", 20);
    int pollers = args.positive("pollers", 4);
    int flooders = args.positive("flooders", 100);
    Path data = Files.createTempDirectory("qs-login-flood");
    // The flood stands for many clients, though it connects from one address: every flooder
    // reaches the hashing budget rather than the per-address connection limit.
    try (QsServer server = QsServer.start(ServerOptions.builder().port(0).dataDir(data)
        .initialAdminPassword(PASSWORD).maxConnectionsPerAddress(flooders + 16).build())) {
      int port = server.port();
      poll(port, PASSWORD); // the admin's verification is cached from here on
      Phase baseline = run(port, pollers, 0, seconds);
      Phase flooded = run(port, pollers, flooders, seconds);
      String report = report(baseline, flooded, pollers, flooders, seconds);
      System.out.print(report);
      Files.writeString(args.path("out"), report);
    }
  }

  /** One phase: the polls' latencies in ms, the polls not answered 0, the flood's answers. */
  private record Phase(List<Double> millis, long refused, long floodAnswers) {
    double percentile(double p) {
      return Stats.percentile(millis, p);
    }
  }

  private static Phase run(int port, int pollers, int flooders, int seconds) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong floodAnswers = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    List<Double> millis = Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(pollers + flooders);
    for (int i = 0; i < flooders; i++) {
      threads.submit(() -> flood(port, stop, floodAnswers));
    }
    for (int i = 0; i < pollers; i++) {
      threads.submit(() -> pollLoop(port, stop, millis, refused));
    }
    Thread.sleep(seconds * 1000L); // the phase's length; nothing waits on it
    stop.set(true);
    threads.shutdown();
    threads.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
    return new Phase(List.copyOf(millis), refused.get(), floodAnswers.get());
  }

  private static Void pollLoop(int port, AtomicBoolean stop, List<Double> millis,
      AtomicLong refused) throws IOException {
    try (ApiConnection connection = new ApiConnection(port, "127.0.0.3")) {
      while (!stop.get()) {
        long started = System.nanoTime();
        int retCode = connection.call("admin", PASSWORD);
        millis.add((System.nanoTime() - started) / 1e6);
        if (retCode != 0) {
          refused.incrementAndGet();
        }
      }
    }
    return null;
  }

  private static Void flood(int port, AtomicBoolean stop, AtomicLong answers) throws IOException {
    try (ApiConnection connection = new ApiConnection(port, "127.0.0.1")) {
      while (!stop.get()) {
        connection.call("u" + ThreadLocalRandom.current().nextLong(1L << 40), "guess");
        answers.incrementAndGet();
      }
    }
    return null;
  }

  private static void poll(int port, String password) throws IOException {
    try (ApiConnection connection = new ApiConnection(port, "127.0.0.3")) {
      int retCode = connection.call("admin", password);
      if (retCode != 0) {
        throw new IllegalStateException("the admin's first poll answered " + retCode);
      }
    }
  }

  private static String report(Phase baseline, Phase flooded, int pollers, int flooders,
      int seconds) {
    return String.format("## Cached status polls under a failed-login flood%n%n"
        + "%d pollers (DescribeQingStor, cached admin, from 127.0.0.3) for %d s, alone and then"
        + " beside %d clients logging in as random users from 127.0.0.1 (600,000-iteration"
        + " PBKDF2, `--auth-concurrency` 2).%n%n"
        + "| phase | polls | p50 ms | p99 ms | polls not answered 0 | flood answers |%n"
        + "|---|---|---|---|---|---|%n"
        + "| baseline: polls alone | %d | %.2f | %.2f | %d | - |%n"
        + "| under the flood | %d | %.2f | %.2f | %d | %d |%n%n"
        + "Under the flood the polls' p99 is %.1fx the baseline's (p50 %.1fx).%n",
        pollers, seconds, flooders,
        baseline.millis().size(), baseline.percentile(0.5), baseline.percentile(0.99),
        baseline.refused(),
        flooded.millis().size(), flooded.percentile(0.5), flooded.percentile(0.99),
        flooded.refused(), flooded.floodAnswers(),
        flooded.percentile(0.99) / baseline.percentile(0.99),
        flooded.percentile(0.5) / baseline.percentile(0.5));
  }
}
