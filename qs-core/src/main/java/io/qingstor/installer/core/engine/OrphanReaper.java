package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.DaemonThreads;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.store.LogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stops what a job left running on its step's nodes when the installer died under it: on each
 * node, in parallel, {@link OrphanScript} finds the commands marked with the job's id and stops
 * their process groups; every line it prints goes to a step log under the node's id. Returns the
 * nodes it could not check, with why.
 */
final class OrphanReaper {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int PARALLELISM = 32;

  private final JobLog log;

  OrphanReaper(JobLog log) {
    this.log = log;
  }

  /** A node that could not be checked, and why. */
  record Unchecked(String nodeId, String why) {
    @Override
    public String toString() {
      return nodeId + " (" + why + ")";
    }
  }

  /**
   * Stops job {@code crashedJobId}'s commands on {@code targets}, logging into step {@code
   * logStep} of job {@code logJobId}; returns the nodes it could not check.
   */
  List<Unchecked> reap(String crashedJobId, List<StepTarget> targets, String logJobId,
      int logStep) {
    if (targets.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLELISM, targets.size()),
        DaemonThreads.named("qs-orphans"));
    try {
      List<Future<Unchecked>> checks = new ArrayList<>();
      for (StepTarget target : targets) {
        String script = OrphanScript.forJob(crashedJobId, target.vars().get("QS_NODE_ID"));
        checks.add(pool.submit(() -> reapOn(target, script, logJobId, logStep)));
      }
      List<Unchecked> unchecked = new ArrayList<>();
      for (Future<Unchecked> check : checks) {
        Unchecked failed = check.get();
        if (failed != null) {
          unchecked.add(failed);
        }
      }
      return unchecked;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping commands left running", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("stopping commands left running failed", e.getCause());
    } finally {
      pool.shutdownNow();
      log.sync(logJobId, logStep);
    }
  }

  private Unchecked reapOn(StepTarget target, String script, String logJobId, int logStep) {
    CommandResult result = target.executor().execute(target.target(), script, TIMEOUT,
        (stream, line) -> log.append(logJobId, logStep, target.nodeId(), LogEntry.INFO, line),
        new Cancellation());
    if (result.outcome() == Outcome.SUCCEEDED) {
      return null;
    }
    String why = result.outcome() == Outcome.UNREACHABLE ? "unreachable: " + result.detail()
        : result.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + result.detail();
    log.append(logJobId, logStep, target.nodeId(), LogEntry.INFO,
        "could not check for commands left running: " + why);
    return new Unchecked(target.nodeId(), why);
  }
}
