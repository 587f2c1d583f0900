package io.qingstor.installer.bench;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.FanOut;
import io.qingstor.installer.core.exec.NodeResult;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.OutputListener;
import io.qingstor.installer.core.exec.SshExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Times one script fanned out over nodes with {@link SshExecutor} and {@link FanOut}: a cold run
 * on a freshly built executor (its construction included), then a warm run on the same executor,
 * whose sessions are reused.
 */
final class FanOutTimer {

  /** Checks one node's output; returns null when it is right, else what is wrong. */
  @FunctionalInterface
  interface OutputCheck {
    OutputCheck NONE = (node, lines) -> null;

    String problem(NodeTarget node, List<String> lines);
  }

  /**
   * A timed run and the CPU time it used, recorded as {@code <name>-cpu-jvm} and
   * {@code <name>-cpu-machine} (the latter left out where the machine's figure is unknown).
   */
  record Timed(Measurement run, List<Measurement> cpu) {

    /** Returns the run and its CPU figures. */
    List<Measurement> all() {
      List<Measurement> all = new ArrayList<>(cpu);
      all.add(0, run);
      return all;
    }
  }

  /** The cold and warm runs of one executor. */
  record ColdWarm(Timed cold, Timed warm) { }

  private final Path knownHosts;
  private final int parallelism;
  private final Duration timeout;

  FanOutTimer(Path knownHosts, int parallelism, Duration timeout) {
    this.knownHosts = requireNonNull(knownHosts, "knownHosts");
    this.parallelism = parallelism;
    this.timeout = requireNonNull(timeout, "timeout");
  }

  /** Runs the script cold then warm on {@code targets}; the measurements are named {@code name-cold/-warm}. */
  ColdWarm coldAndWarm(String name, int run, List<NodeTarget> targets, Function<NodeTarget, String> script,
      OutputCheck check) {
    CpuMeter.Reading cpu = CpuMeter.read();
    long start = System.nanoTime();
    try (SshExecutor executor = SshExecutor.builder().knownHostsFile(knownHosts).build()) {
      FanOut fanOut = new FanOut(executor, Math.min(parallelism, targets.size()));
      Timed cold = timeRun(fanOut, name + "-cold", run, targets, script, check, start, cpu);
      Timed warm = timeRun(fanOut, name + "-warm", run, targets, script, check, System.nanoTime(), CpuMeter.read());
      return new ColdWarm(cold, warm);
    }
  }

  /** Runs the script once on a fresh executor, construction included. */
  Timed coldOnly(String name, int run, List<NodeTarget> targets, Function<NodeTarget, String> script,
      OutputCheck check) {
    CpuMeter.Reading cpu = CpuMeter.read();
    long start = System.nanoTime();
    try (SshExecutor executor = SshExecutor.builder().knownHostsFile(knownHosts).build()) {
      FanOut fanOut = new FanOut(executor, Math.min(parallelism, targets.size()));
      return timeRun(fanOut, name, run, targets, script, check, start, cpu);
    }
  }

  private Timed timeRun(FanOut fanOut, String name, int run, List<NodeTarget> targets,
      Function<NodeTarget, String> script, OutputCheck check, long startNanos, CpuMeter.Reading cpuAtStart) {
    Map<String, List<String>> output = new ConcurrentHashMap<>();
    Function<NodeTarget, OutputListener> listenerFor = node -> {
      List<String> lines = Collections.synchronizedList(new ArrayList<>());
      output.put(node.nodeId(), lines);
      return (stream, line) -> lines.add(line);
    };
    List<NodeResult> results = fanOut.run(targets, script, timeout, listenerFor, new Cancellation());
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    CpuMeter.Reading used = CpuMeter.read().since(cpuAtStart);
    String problem = problems(results, output, check);
    int nodes = targets.size();
    List<Measurement> cpu = new ArrayList<>();
    cpu.add(new Measurement(name + "-cpu-jvm", nodes, run, used.jvmSeconds(), true, null));
    if (used.machineSeconds() >= 0) {
      cpu.add(new Measurement(name + "-cpu-machine", nodes, run, used.machineSeconds(), true, null));
    }
    return new Timed(new Measurement(name, nodes, run, seconds, problem == null, problem), cpu);
  }

  private static String problems(List<NodeResult> results, Map<String, List<String>> output, OutputCheck check) {
    List<String> problems = new ArrayList<>();
    for (NodeResult result : results) {
      NodeTarget node = result.target();
      String problem = result.succeeded()
          ? check.problem(node, output.getOrDefault(node.nodeId(), List.of()))
          : result.result().outcome() + " " + result.result().detail();
      if (problem != null) {
        problems.add(node.nodeId() + ": " + problem);
      }
    }
    return problems.isEmpty() ? null
        : problems.size() + " of " + results.size() + " nodes failed, first: " + problems.get(0);
  }
}
