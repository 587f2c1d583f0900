package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.FailureClassifier;
import io.qingstor.installer.core.exec.FailureReason;
import io.qingstor.installer.core.exec.FanOut;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.exec.Shell;
import io.qingstor.installer.core.plan.PlanStep;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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

  /**
   * One attempt of a node's work: null when it succeeded, else why it failed. It stops early
   * when {@code cancellation} (the job's, or the fan-out's when its caller is interrupted) fires.
   */
  @FunctionalInterface
  interface Attempt {
    StepOutcome.NodeFailure run(StepTarget target, Cancellation cancellation);
  }

  StepOutcome run(String jobId, int stepIndex, PlanStep step, List<StepTarget> targets,
      Cancellation cancellation) {
    return run(jobId, stepIndex, step, step.run(), targets, cancellation,
        (node, stream, line) -> { });
  }

  StepOutcome run(String jobId, int stepIndex, PlanStep step, String run,
      List<StepTarget> targets, Cancellation cancellation, OutputTap tap) {
    return fanOut(jobId, stepIndex, step, targets, cancellation, (target, attemptCancellation) ->
        runScript(jobId, stepIndex, step, target, script(target, run), attemptCancellation, tap));
  }

  /**
   * Runs {@code attempt} on every target through the one {@link FanOut}, retried per the step,
   * at most the step's parallelism at once; a cancelled step stops retrying. An attempt that
   * throws fails its own node (logged there, as an internal error) while the others finish.
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
    List<StepOutcome.NodeFailure> results = FanOut.each(targets, step.parallelism(), cancellation,
        (target, linked) -> {
          ledger.running(target.nodeId());
          StepOutcome.NodeFailure failure =
              withRetries(jobId, stepIndex, step, target, linked, attempt);
          if (failure == null) {
            ledger.succeeded(target.nodeId());
          } else {
            ledger.failed(failure);
          }
          return failure;
        },
        (target, thrown) -> thrown(jobId, stepIndex, target, thrown));
    return new StepOutcome(results.stream().filter(Objects::nonNull).toList(),
        cancellation.isCancelled());
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
      failure = attempt.run(target, cancellation);
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

  /** A node whose work threw: a bug, reported on that node without stopping the others. */
  private StepOutcome.NodeFailure thrown(String jobId, int stepIndex, StepTarget target,
      Throwable thrown) {
    String why = log.scrub("internal error: " + thrown);
    Diagnosis diagnosis = new Diagnosis(FailureReason.SCRIPT_FAILED, "the installer itself failed"
        + " on " + target.nodeId() + ": report it with the server log; run the action again");
    log.append(jobId, stepIndex, target.nodeId(), "error", why);
    log.append(jobId, stepIndex, target.nodeId(), "error", "["
        + diagnosis.reason().wireName() + "] hint: " + diagnosis.hint());
    return new StepOutcome.NodeFailure(target.nodeId(), Outcome.FAILED, why, diagnosis);
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
}
