package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.FailureClassifier;
import io.qingstor.installer.core.exec.FailureReason;
import io.qingstor.installer.core.exec.DaemonThreads;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.exec.Shell;
import io.qingstor.installer.core.plan.PlanStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a step's work on its target nodes in parallel (at most the step's parallelism), each node
 * with the step's retries, logging every line with its node and recording each node's start and
 * end in the step's ledger; nodes on which a resumed step already completed are skipped.
 * {@link #run} runs a script; {@link #fanOut} runs any per-node work (uploads).
 * A node that fails is diagnosed ({@link FailureClassifier}): the log line after its failure
 * says why ({@code [disk_full]}) and what to do ({@code hint: ...}).
 */
final class StepRunner {
  private final JobLog log;
  private final JobLedgers ledgers;

  StepRunner(JobLog log, JobLedgers ledgers) {
    this.log = log;
    this.ledgers = ledgers;
  }

  /** Sees every output line of every node, beside the log (the facts builtin parses it). */
  @FunctionalInterface
  interface OutputTap {
    void onLine(String nodeId, String stream, String line);
  }

  /** One attempt of a node's work: null when it succeeded, else why it failed. */
  @FunctionalInterface
  interface Attempt {
    StepOutcome.NodeFailure run(StepTarget target);
  }

  StepOutcome run(String jobId, int stepIndex, PlanStep step, List<StepTarget> targets,
      Cancellation cancellation) {
    return run(jobId, stepIndex, step, step.run(), targets, cancellation,
        (node, stream, line) -> { });
  }

  StepOutcome run(String jobId, int stepIndex, PlanStep step, String run,
      List<StepTarget> targets, Cancellation cancellation, OutputTap tap) {
    return fanOut(jobId, stepIndex, step, targets, cancellation,
        target -> runScript(jobId, stepIndex, step, target, script(target, run), cancellation, tap));
  }

  /**
   * Runs {@code attempt} on every target, retried per the step, at most the step's parallelism
   * at once; a cancelled step stops retrying.
   */
  StepOutcome fanOut(String jobId, int stepIndex, PlanStep step, List<StepTarget> all,
      Cancellation cancellation, Attempt attempt) {
    StepLedger ledger = ledgers.step(jobId, stepIndex);
    List<String> toDo = ledger.stillToDo(all.stream().map(StepTarget::nodeId).toList(),
        (node, why) -> log.append(jobId, stepIndex, node, "info", why));
    List<StepTarget> targets = all.stream().filter(t -> toDo.contains(t.nodeId())).toList();
    if (targets.isEmpty()) {
      log.info(jobId, stepIndex, all.isEmpty() ? "no target nodes: nothing to do"
          : "every target node completed this step before: nothing to do");
      return new StepOutcome(List.of(), cancellation.isCancelled());
    }
    log.info(jobId, stepIndex, "running on " + targets.size() + " node(s), "
        + Math.min(step.parallelism(), targets.size()) + " at a time, timeout "
        + step.timeout().toSeconds() + "s, retries " + step.retries());
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.min(step.parallelism(), targets.size()), DaemonThreads.named("qs-step-"));
    try {
      List<Future<StepOutcome.NodeFailure>> futures = new ArrayList<>();
      for (StepTarget target : targets) {
        futures.add(pool.submit(() -> {
          ledger.running(target.nodeId());
          StepOutcome.NodeFailure failure =
              withRetries(jobId, stepIndex, step, target, cancellation, attempt);
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

  private StepOutcome.NodeFailure withRetries(String jobId, int stepIndex, PlanStep step,
      StepTarget target, Cancellation cancellation, Attempt attempt) {
    StepOutcome.NodeFailure failure = null;
    for (int n = 1; n <= step.retries() + 1; n++) {
      if (cancellation.isCancelled()) {
        return new StepOutcome.NodeFailure(target.nodeId(), Outcome.CANCELLED,
            "cancelled: " + cancellation.reason(),
            Diagnosis.of(FailureReason.CANCELLED, target.nodeId()));
      }
      log.append(jobId, stepIndex, target.nodeId(), "info", "attempt " + n + "/"
          + (step.retries() + 1) + " on " + target.target().user() + "@"
          + target.target().host() + ":" + target.target().port());
      failure = attempt.run(target);
      if (failure != null) {
        log.append(jobId, stepIndex, target.nodeId(), "error", "["
            + failure.diagnosis().reason().wireName() + "] hint: " + failure.diagnosis().hint());
      }
      if (failure == null || failure.outcome() == Outcome.CANCELLED) {
        return failure;
      }
    }
    return failure;
  }

  private StepOutcome.NodeFailure runScript(String jobId, int stepIndex, PlanStep step,
      StepTarget target, String script, Cancellation cancellation, OutputTap tap) {
    StderrTail stderr = new StderrTail(FailureClassifier.STDERR_TAIL_LINES);
    CommandResult result = target.executor().execute(target.target(), script, step.timeout(),
        (stream, line) -> {
          String name = stream.name().toLowerCase(Locale.ROOT);
          if (name.equals("stderr")) {
            stderr.add(line);
          }
          tap.onLine(target.nodeId(), name, line);
          log.append(jobId, stepIndex, target.nodeId(), name, line);
        }, cancellation);
    String summary = describe(result, stderr.last());
    String took = " in " + result.elapsed().toMillis() + " ms";
    if (result.outcome() == Outcome.SUCCEEDED) {
      log.append(jobId, stepIndex, target.nodeId(), "info", summary + took);
      tap.onLine(target.nodeId(), "exit", "0");
      return null;
    }
    log.append(jobId, stepIndex, target.nodeId(), "error", summary + took);
    return new StepOutcome.NodeFailure(target.nodeId(), result.outcome(), log.scrub(summary),
        FailureClassifier.diagnose(result, stderr.lines(), target.nodeId()));
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
        // The reason says how (refused, login failed...): "unreachable" misled for a password.
        return result.detail();
      default:
        return "cancelled: " + result.detail();
    }
  }

  /**
   * The script a node runs: the plan secrets as unexported shell variables ({@code secret_<name>},
   * never in the environment of a process), its variables exported and quoted, on the firstbox a
   * change to the job's work directory, then the step's own text; all of it run as root through
   * sudo when the target becomes root ({@link Become}).
   */
  static String script(StepTarget target, String run) {
    StringBuilder script = new StringBuilder();
    target.secrets().forEach((name, value) ->
        script.append(Shell.assignment("secret_" + name, value)).append('\n'));
    target.vars().forEach((name, value) ->
        script.append(Shell.exportLine(name, value)).append('\n'));
    if (target.vars().containsKey(StepTargets.WORK_DIR)) {
      script.append("cd -- \"$" + StepTargets.WORK_DIR + "\" || exit 1\n");
    }
    script.append(run);
    return target.become() == null ? script.toString() : target.become().wrap(script.toString());
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
