package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.exec.Shell;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.store.LogEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one {@code run} step on its target nodes in parallel (at most the step's parallelism),
 * each node with the step's timeout and retries, logging every output line with its node and
 * recording each node's start and end in the step's ledger. Nodes on which a resumed step
 * already completed are skipped.
 */
final class StepRunner {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final StateStore store;
  private final Clock clock;
  private final JobLedgers ledgers;

  StepRunner(StateStore store, Clock clock, JobLedgers ledgers) {
    this.store = store;
    this.clock = clock;
    this.ledgers = ledgers;
  }

  /** Sees every output line of every node, beside the log (the facts builtin parses it). */
  @FunctionalInterface
  interface OutputTap {
    void onLine(String nodeId, String stream, String line);
  }

  StepOutcome run(String jobId, int stepIndex, PlanStep step, List<StepTarget> targets,
      Cancellation cancellation) {
    return run(jobId, stepIndex, step, targets, cancellation, (node, stream, line) -> { });
  }

  StepOutcome run(String jobId, int stepIndex, PlanStep step, List<StepTarget> targets,
      Cancellation cancellation, OutputTap tap) {
    StepLedger ledger = ledgers.step(jobId, stepIndex);
    List<StepTarget> toRun = stillToDo(jobId, stepIndex, targets, ledger);
    if (toRun.isEmpty()) {
      log(jobId, stepIndex, null, "info", targets.isEmpty() ? "no target nodes: nothing to do"
          : "every target node completed this step before: nothing to do");
      return new StepOutcome(List.of(), cancellation.isCancelled());
    }
    return runAll(jobId, stepIndex, step, toRun, ledger, cancellation, tap);
  }

  /** The targets the ledger does not show as completed; logs each one skipped. */
  private List<StepTarget> stillToDo(String jobId, int stepIndex, List<StepTarget> targets,
      StepLedger ledger) {
    List<String> toDo = ledger.stillToDo(targets.stream().map(StepTarget::nodeId).toList(),
        (node, why) -> log(jobId, stepIndex, node, "info", why));
    return targets.stream().filter(t -> toDo.contains(t.nodeId())).toList();
  }

  private StepOutcome runAll(String jobId, int stepIndex, PlanStep step,
      List<StepTarget> targets, StepLedger ledger, Cancellation cancellation, OutputTap tap) {
    log(jobId, stepIndex, null, "info", "running on " + targets.size() + " node(s), "
        + Math.min(step.parallelism(), targets.size()) + " at a time, timeout "
        + step.timeout().toSeconds() + "s, retries " + step.retries());
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.min(step.parallelism(), targets.size()), r -> {
          Thread t = new Thread(r, "qs-step-" + THREADS.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    try {
      List<Future<StepOutcome.NodeFailure>> futures = new ArrayList<>();
      for (StepTarget target : targets) {
        futures.add(pool.submit(() -> {
          ledger.running(target.nodeId());
          StepOutcome.NodeFailure failure =
              runOnNode(jobId, stepIndex, step, target, cancellation, tap);
          if (failure == null) {
            ledger.succeeded(target.nodeId());
          } else {
            ledger.failed(target.nodeId(), failure.outcome(), failure.why());
          }
          return failure;
        }));
      }
      List<StepOutcome.NodeFailure> failures = new ArrayList<>();
      for (Future<StepOutcome.NodeFailure> future : futures) {
        StepOutcome.NodeFailure failure = await(future);
        if (failure != null) {
          failures.add(failure);
        }
      }
      return new StepOutcome(failures, cancellation.isCancelled());
    } finally {
      pool.shutdownNow();
    }
  }

  private StepOutcome.NodeFailure runOnNode(String jobId, int stepIndex, PlanStep step,
      StepTarget target, Cancellation cancellation, OutputTap tap) {
    String script = script(target.vars(), step.run());
    StepOutcome.NodeFailure failure = null;
    for (int attempt = 1; attempt <= step.retries() + 1; attempt++) {
      if (cancellation.isCancelled()) {
        return new StepOutcome.NodeFailure(target.nodeId(), Outcome.CANCELLED,
            "cancelled: " + cancellation.reason());
      }
      log(jobId, stepIndex, target.nodeId(), "info", "attempt " + attempt + "/"
          + (step.retries() + 1) + " on " + target.target().user() + "@"
          + target.target().host() + ":" + target.target().port());
      AtomicReference<String> lastError = new AtomicReference<>();
      CommandResult result = target.executor().execute(target.target(), script, step.timeout(),
          (stream, line) -> {
            String name = stream.name().toLowerCase(java.util.Locale.ROOT);
            if (name.equals("stderr")) {
              lastError.set(line);
            }
            tap.onLine(target.nodeId(), name, line);
            log(jobId, stepIndex, target.nodeId(), name, line);
          }, cancellation);
      String summary = describe(result, lastError.get());
      boolean ok = result.outcome() == Outcome.SUCCEEDED;
      log(jobId, stepIndex, target.nodeId(), ok ? "info" : "error",
          summary + " in " + result.elapsed().toMillis() + " ms");
      if (ok) {
        tap.onLine(target.nodeId(), "exit", "0");
        return null;
      }
      failure = new StepOutcome.NodeFailure(target.nodeId(), result.outcome(), summary);
      if (result.outcome() == Outcome.CANCELLED) {
        break;
      }
    }
    return failure;
  }

  private static String describe(CommandResult result, String lastError) {
    switch (result.outcome()) {
      case SUCCEEDED:
        return "exit 0";
      case FAILED:
        return "exit " + result.exitCode() + (lastError == null ? "" : ": " + lastError);
      case TIMED_OUT:
        return "timed out: " + result.detail();
      case UNREACHABLE:
        return "unreachable: " + result.detail();
      default:
        return "cancelled: " + result.detail();
    }
  }

  /** The script a node runs: its variables, exported and quoted, then the step's own text. */
  static String script(Map<String, String> vars, String run) {
    StringBuilder script = new StringBuilder();
    vars.forEach((name, value) -> script.append(Shell.exportLine(name, value)).append('\n'));
    return script.append(run).toString();
  }

  private void log(String jobId, int step, String node, String stream, String text) {
    store.appendLog(jobId, step, new LogEntry(clock.instant(), node, stream, text));
  }

  private static StepOutcome.NodeFailure await(Future<StepOutcome.NodeFailure> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a node", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a node's run failed unexpectedly", e.getCause());
    }
  }
}
