package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.NodeState;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.job.StepState;
import io.qingstor.installer.core.plan.PlanStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * A running job's estimated time left, from {@link StepHistory}: each step still to run takes
 * {@code ceil(nodes / parallelism)} rounds of its mean node time (a playbook's parallelism is its
 * forks); in the running step, the nodes running end their rounds after the last of them started
 * (one round for a {@code run} step; a playbook starts all its hosts as one run), and its
 * pending nodes take the rounds after them. Computed once per job record; {@link #secondsLeft} only subtracts the clock from the
 * running nodes' expected end, so a status poll stays cheap.
 *
 * @param runningEnd when the running step's running nodes should be done (null when none runs)
 * @param rest the time after that: the running step's pending nodes and every later step
 */
record JobEta(Instant runningEnd, Duration rest) {

  /** Seconds left at {@code now}, rounded up; never negative. */
  long secondsLeft(Instant now) {
    Duration left = rest;
    if (runningEnd != null && runningEnd.isAfter(now)) {
      left = left.plus(Duration.between(now, runningEnd));
    }
    return (left.toMillis() + 999) / 1000;
  }

  /**
   * The estimate for a running job; empty when a step with nodes still to run has no history.
   *
   * @param planSteps the job's plan steps (their parallelism)
   * @param targetCount how many nodes step {@code i} targets, for a step not started yet
   */
  static Optional<JobEta> of(JobRecord job, StepHistory history, List<PlanStep> planSteps,
      IntUnaryOperator targetCount) {
    if (!job.active() || job.currentStep() < 0 || planSteps.size() != job.steps().size()) {
      return Optional.empty();
    }
    Instant runningEnd = null;
    Duration rest = Duration.ZERO;
    for (int i = job.currentStep(); i < job.steps().size(); i++) {
      StepRecord step = job.steps().get(i);
      if (step.state().done()) {
        continue;
      }
      int parallelism = planSteps.get(i).parallelism();
      boolean started = step.state() == StepState.RUNNING && !step.nodes().isEmpty();
      int waiting = started ? count(step, NodeState.PENDING) : targetCount.applyAsInt(i);
      boolean running = started && count(step, NodeState.RUNNING) > 0;
      if (waiting == 0 && !running) {
        continue;
      }
      Optional<Duration> perNode = history.perNode(job.type(), step.name());
      if (perNode.isEmpty()) {
        return Optional.empty();
      }
      Instant latestStart = running ? latestStart(step) : null;
      if (latestStart != null) {
        // More running than the parallelism (a playbook's hosts start as one run): its rounds.
        long runningRounds = rounds(count(step, NodeState.RUNNING), parallelism);
        runningEnd = latestStart.plus(perNode.get().multipliedBy(runningRounds));
      } else if (running) {
        waiting += count(step, NodeState.RUNNING);
      }
      rest = rest.plus(perNode.get().multipliedBy(rounds(waiting, parallelism)));
    }
    return Optional.of(new JobEta(runningEnd, rest));
  }

  private static long rounds(int nodes, int parallelism) {
    return (nodes + parallelism - 1) / parallelism;
  }

  private static int count(StepRecord step, NodeState state) {
    int n = 0;
    for (NodeStep node : step.nodes()) {
      if (node.state() == state) {
        n++;
      }
    }
    return n;
  }

  /**
   * The latest start among the running nodes (the last of them to end, at the same pace); null
   * when none has a start time.
   */
  private static Instant latestStart(StepRecord step) {
    Instant latest = null;
    for (NodeStep node : step.nodes()) {
      if (node.state() == NodeState.RUNNING && node.startTime() != null
          && (latest == null || node.startTime().isAfter(latest))) {
        latest = node.startTime();
      }
    }
    return latest;
  }
}
