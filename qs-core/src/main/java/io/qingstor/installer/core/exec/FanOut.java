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
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a script on many nodes with bounded parallelism and returns per-node results in target
 * order; {@link #each} is the same fan-out for any per-item work.
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
    requireNonNull(scriptFor, "scriptFor");
    requireNonNull(listenerFor, "listenerFor");
    Durations.requirePositive(timeout, "timeout");
    List<CommandResult> results = each(targets, parallelism, cancellation,
        (node, linked) -> executor.execute(node, scriptFor.apply(node), timeout,
            listenerFor.apply(node), linked),
        (node, thrown) -> CommandResult.of(Outcome.FAILED, Duration.ZERO,
            node.redact("internal error: " + thrown)));
    List<NodeResult> byNode = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      byNode.add(new NodeResult(targets.get(i), results.get(i)));
    }
    return List.copyOf(byNode);
  }

  /** One item's work; it stops early when {@code cancellation} fires. */
  @FunctionalInterface
  public interface Work<T, R> {
    R run(T item, Cancellation cancellation);
  }

  /**
   * Runs {@code work} for every item, at most {@code parallelism} at once, and waits for all of
   * them: the one fan-out of the project, for commands and for any per-node work (a step's
   * attempts with their retries, uploads). A work that throws is reported on its own item as
   * {@code thrown(item, exception)} (and logged) while the others go on; interrupting the caller
   * cancels every work not yet finished (through a child of {@code cancellation}, which itself
   * is left untouched), still waits for them, returns a result for every item and keeps the
   * interrupt. No thread outlives the call.
   *
   * @return one result per item, in item order
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code parallelism} is less than 1
   */
  public static <T, R> List<R> each(List<T> items, int parallelism, Cancellation cancellation,
      Work<T, R> work, BiFunction<T, Throwable, R> thrown) {
    List<T> all = List.copyOf(items);
    requireNonNull(cancellation, "cancellation");
    requireNonNull(work, "work");
    requireNonNull(thrown, "thrown");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    if (all.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = newPool(Math.min(parallelism, all.size()));
    try (Cancellation.Linked linked = cancellation.newChild()) {
      List<Future<R>> futures = new ArrayList<>(all.size());
      for (T item : all) {
        futures.add(pool.submit(() -> work.run(item, linked.child())));
      }
      return collect(all, futures, linked.child(), thrown);
    } finally {
      pool.shutdown();
      awaitTermination(pool);
    }
  }

  private static <T, R> List<R> collect(List<T> items, List<Future<R>> futures,
      Cancellation cancellation, BiFunction<T, Throwable, R> thrown) {
    boolean interrupted = false;
    List<R> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      boolean done = false;
      while (!done) {
        try {
          results.add(resultOf(i, items.get(i), futures.get(i), thrown));
          done = true;
        } catch (InterruptedException e) {
          interrupted = true;
          cancellation.cancel("fan-out interrupted");
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return results;
  }

  private static <T, R> R resultOf(int index, T item, Future<R> future,
      BiFunction<T, Throwable, R> thrown) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      // A bug or a bad argument for this item: report it on the item rather than lose the others.
      // Logged by position: an item's own text may hold secrets.
      LOG.error("fan-out work #{} failed unexpectedly", index, e.getCause());
      return thrown.apply(item, e.getCause());
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
