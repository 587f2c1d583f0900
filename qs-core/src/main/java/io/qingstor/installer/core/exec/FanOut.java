package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a script on many nodes with bounded parallelism and returns per-node results in target
 * order.
 *
 * <p>Each call uses its own pool of at most {@code parallelism} threads (named
 * {@code qs-fanout-N}) and shuts it down before returning, so no thread outlives the call.
 * Interrupting the calling thread cancels the remaining commands (through a child of the given
 * cancellation, which itself is left untouched) and still returns a result for every node.
 */
public final class FanOut {

  private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

  private final NodeExecutor executor;
  private final int parallelism;

  /**
   * Creates a fan-out over {@code executor} running at most {@code parallelism} commands at once.
   *
   * @throws IllegalArgumentException if {@code parallelism} is less than 1
   */
  public FanOut(NodeExecutor executor, int parallelism) {
    this.executor = requireNonNull(executor, "executor");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** Returns the maximum number of commands run at once. */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Runs the same {@code script} on every target; see
   * {@link #run(List, Function, Duration, Function, Cancellation)}.
   */
  public List<NodeResult> run(List<NodeTarget> targets, String script, Duration timeout,
      Function<NodeTarget, OutputListener> listenerFor, Cancellation cancellation) {
    requireNonNull(script, "script");
    return run(targets, target -> script, timeout, listenerFor, cancellation);
  }

  /**
   * Runs {@code scriptFor(target)} on every target, at most {@link #parallelism()} at once, and
   * waits for all of them.
   *
   * @param targets the nodes, in the order of the returned results
   * @param scriptFor the script for each node
   * @param timeout each node's command timeout
   * @param listenerFor the output listener for each node
   * @param cancellation cancels every command not yet finished
   * @return one result per target, in target order
   * @throws NullPointerException if an argument is null
   */
  public List<NodeResult> run(List<NodeTarget> targets, Function<NodeTarget, String> scriptFor, Duration timeout,
      Function<NodeTarget, OutputListener> listenerFor, Cancellation cancellation) {
    List<NodeTarget> nodes = List.copyOf(targets);
    requireNonNull(scriptFor, "scriptFor");
    requireNonNull(listenerFor, "listenerFor");
    requireNonNull(cancellation, "cancellation");
    Durations.requirePositive(timeout, "timeout");
    if (nodes.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = newPool(Math.min(parallelism, nodes.size()));
    try (Cancellation.Linked linked = cancellation.newChild()) {
      List<Future<CommandResult>> futures = new ArrayList<>(nodes.size());
      for (NodeTarget node : nodes) {
        futures.add(pool.submit(() -> executor.execute(node, scriptFor.apply(node), timeout,
            listenerFor.apply(node), linked.child())));
      }
      return collect(nodes, futures, linked.child());
    } finally {
      pool.shutdown();
      awaitTermination(pool);
    }
  }

  private static List<NodeResult> collect(List<NodeTarget> nodes, List<Future<CommandResult>> futures,
      Cancellation cancellation) {
    boolean interrupted = false;
    List<NodeResult> results = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      CommandResult result = null;
      while (result == null) {
        try {
          result = resultOf(nodes.get(i), futures.get(i));
        } catch (InterruptedException e) {
          interrupted = true;
          cancellation.cancel("fan-out interrupted");
        }
      }
      results.add(new NodeResult(nodes.get(i), result));
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return List.copyOf(results);
  }

  private static CommandResult resultOf(NodeTarget node, Future<CommandResult> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      // A bug or a bad argument for this node: report it on the node rather than lose the others.
      LOG.error("command on node {} failed unexpectedly", node.nodeId(), e.getCause());
      return CommandResult.of(Outcome.FAILED, Duration.ZERO, node.redact("internal error: " + e.getCause()));
    }
  }

  private static ExecutorService newPool(int threads) {
    return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), DaemonThreads.named("qs-fanout-"));
  }

  private static void awaitTermination(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
