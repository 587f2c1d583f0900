package io.qingstor.installer.bench;

import io.qingstor.installer.core.exec.NodeTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Times our SSH fan-out ({@code SshExecutor} + {@code FanOut}) against real OpenSSH servers and
 * appends the runs as JSON lines to a results file; {@code bench/ssh-fanout.sh} starts the
 * servers, runs this and the OpenSSH/Ansible baselines.
 *
 * <p>Modes ({@code --mode}):
 * <ul>
 *   <li>{@code fanout}: {@code true} on the first N nodes for each of {@code --sizes}, cold (fresh
 *       executor) then warm (sessions reused), {@code --runs} times, after {@code --warmups}
 *       (default 3) unrecorded runs that let the JIT compile the hot paths (the last one on
 *       each size's nodes, which also records their host keys in the known_hosts file);</li>
 *   <li>{@code first}: one cold run of {@code true} on {@code --sizes}' first size, with no
 *       warm-up: the first call of a fresh JVM;</li>
 *   <li>{@code step}: the 3-task step ({@link StepScript}) cold then warm, {@code --runs} times,
 *       after {@code --warmups} unrecorded runs;</li>
 *   <li>{@code phases}: where a cold connection's time goes ({@link ColdConnectProfile}).</li>
 * </ul>
 * Other options: {@code --targets} (lines {@code nodeId host port}), {@code --user}, {@code --key}
 * (unencrypted private key file), {@code --known-hosts}, {@code --out} (results file),
 * {@code --parallelism} (default 50), {@code --payload} (the step's file), {@code --timeout-seconds},
 * {@code --run} (the number of the first recorded run, default 1: a harness that interleaves
 * baselines with ours runs one JVM per run).
 */
public final class SshFanOutBench {

  private static final Set<String> OPTIONS = Set.of("mode", "targets", "user", "key", "known-hosts", "sizes",
      "runs", "run", "warmups", "parallelism", "payload", "out", "timeout-seconds");
  /** Nodes the JIT warm-up runs address: enough handshakes for the hot paths to be compiled. */
  private static final int WARM_UP_NODES = 50;

  private final Args args;
  private final Fleet fleet;
  private final Recorder recorder;
  private final FanOutTimer timer;
  private final int runs;
  private final int firstRun;
  private final int warmups;

  private SshFanOutBench(Args args) throws IOException {
    this.args = args;
    String key = Files.readString(args.path("key"), StandardCharsets.UTF_8);
    this.fleet = Fleet.load(args.path("targets"), args.required("user"), key);
    this.recorder = new Recorder(args.path("out"));
    this.timer = new FanOutTimer(args.path("known-hosts"), args.positive("parallelism", 50),
        Duration.ofSeconds(args.positive("timeout-seconds", 120)));
    this.runs = args.positive("runs", 5);
    this.firstRun = args.positive("run", 1);
    this.warmups = args.positive("warmups", 3);
  }

  /**
   * Runs the benchmark named by {@code --mode}.
   *
   * @throws IllegalArgumentException for a bad option (printed with the usage, exit status 2)
   */
  public static void main(String[] argv) throws Exception {
    SshFanOutBench bench;
    try {
      bench = new SshFanOutBench(Args.parse(argv, OPTIONS));
    } catch (IllegalArgumentException e) {
      System.err.println("SshFanOutBench: " + e.getMessage());
      System.exit(2);
      return;
    }
    bench.run(bench.args.required("mode"));
  }

  private void run(String mode) throws Exception {
    switch (mode) {
      case "fanout" -> fanOut(args.positives("sizes", List.of(10, 50, 200)));
      case "first" -> first(args.positives("sizes", List.of(50)).get(0));
      case "step" -> step(args.positives("sizes", List.of(50)).get(0));
      case "phases" -> new ColdConnectProfile(recorder).run(fleet.first(args.positives("sizes", List.of(50)).get(0)),
          warmups, runs);
      default -> throw new IllegalArgumentException("--mode is fanout, first, step or phases, not " + mode);
    }
  }

  private void fanOut(List<Integer> sizes) {
    List<NodeTarget> warmUpTargets = fleet.first(Math.min(WARM_UP_NODES, fleet.all().size()));
    for (int i = 1; i < warmups; i++) {
      warmUp(timer.coldAndWarm("warmup", 0, warmUpTargets, node -> "true", FanOutTimer.OutputCheck.NONE));
    }
    for (int size : sizes) {
      List<NodeTarget> targets = fleet.first(size);
      // One more on exactly these nodes, which also records their host keys.
      warmUp(timer.coldAndWarm("warmup", 0, targets, node -> "true", FanOutTimer.OutputCheck.NONE));
      for (int run = firstRun; run < firstRun + runs; run++) {
        record(timer.coldAndWarm("ours-true", run, targets, node -> "true", FanOutTimer.OutputCheck.NONE));
      }
    }
  }

  private void first(int size) {
    FanOutTimer.Timed first = timer.coldOnly("ours-true-first-call", firstRun, fleet.first(size),
        node -> "true", FanOutTimer.OutputCheck.NONE);
    first.all().forEach(recorder::record);
  }

  private void step(int size) throws IOException {
    StepScript step = new StepScript(Files.readString(args.path("payload"), StandardCharsets.UTF_8));
    List<NodeTarget> targets = fleet.first(size);
    for (int i = 0; i < warmups; i++) {
      warmUp(timer.coldAndWarm("warmup", 0, targets, step::scriptFor, step::problem));
    }
    for (int run = firstRun; run < firstRun + runs; run++) {
      record(timer.coldAndWarm("ours-step", run, targets, step::scriptFor, step::problem));
    }
  }

  private void record(FanOutTimer.ColdWarm result) {
    result.cold().all().forEach(recorder::record);
    result.warm().all().forEach(recorder::record);
  }

  /** The warm-up is not recorded, but a failing one is worth knowing about at once. */
  private static void warmUp(FanOutTimer.ColdWarm result) {
    for (Measurement run : List.of(result.cold().run(), result.warm().run())) {
      if (!run.ok()) {
        System.err.println("  warm-up failed: " + run.note());
      }
    }
  }
}
