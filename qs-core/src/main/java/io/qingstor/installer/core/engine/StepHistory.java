package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.job.NodeState;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.job.StepState;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.plan.PlaybookStep;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long each plan step took per node when it last ran on this platform: the mean time of the
 * nodes that succeeded in it, in the newest earlier job where it ran. A step of the same name in
 * the same job type counts first, else one of the same name in any job type (a scale job's
 * {@code push-config} after the deploy's). A step that ran on no node (a {@code builtin} such as
 * render-config) took no node time. Built once per job from the jobs before it.
 */
final class StepHistory {
  private final Map<String, Duration> byTypeAndStep = new HashMap<>();
  private final Map<String, Duration> byStep = new HashMap<>();

  /**
   * The history {@code job} sees: the steps of {@code earlier} jobs (any order, any jobs), each
   * read with its step of {@code plan} (how many of its nodes ran at once).
   */
  static StepHistory before(JobRecord job, List<JobRecord> earlier, Plan plan) {
    StepHistory history = new StepHistory();
    earlier.stream()
        .filter(j -> !j.jobId().equals(job.jobId()) && !j.active()
            && j.type().platformChanging() && j.createTime().isBefore(job.createTime()))
        .sorted((a, b) -> b.createTime().compareTo(a.createTime()))
        .forEach(j -> history.add(j, plan.steps(j.type())));
    return history;
  }

  private void add(JobRecord job, List<PlanStep> planSteps) {
    for (StepRecord step : job.steps()) {
      PlanStep planStep = planSteps.stream().filter(p -> p.name().equals(step.name()))
          .findFirst().orElse(null);
      perNode(step, planStep).ifPresent(took -> {
        byTypeAndStep.putIfAbsent(key(job.type(), step.name()), took);
        byStep.putIfAbsent(step.name(), took);
      });
    }
  }

  /** The step's mean node time when it last ran; empty when it never did (no history). */
  Optional<Duration> perNode(JobType type, String stepName) {
    Duration same = byTypeAndStep.get(key(type, stepName));
    return Optional.ofNullable(same != null ? same : byStep.get(stepName));
  }

  /**
   * A step's mean node time: over its succeeded nodes with both times; zero for a successful
   * step that ran on no node; empty when it tells nothing (not run, skipped, no times). A
   * playbook runs its hosts as one run, {@code forks} (the step's parallelism) at a time, so
   * each host's time spans the whole run: its node time is that divided by the run's rounds.
   */
  private static Optional<Duration> perNode(StepRecord step, PlanStep planStep) {
    long total = 0;
    int timed = 0;
    int ran = 0;
    for (NodeStep node : step.nodes()) {
      Optional<Duration> took = node.took();
      if (took.isPresent()) {
        ran++;
      }
      if (node.state() == NodeState.SUCCEEDED && took.isPresent()) {
        total += took.get().toMillis();
        timed++;
      }
    }
    if (timed > 0) {
      long rounds = planStep != null && planStep.action() instanceof PlaybookStep
          ? (ran + planStep.parallelism() - 1) / planStep.parallelism() : 1;
      return Optional.of(Duration.ofMillis(total / timed / rounds));
    }
    return step.state() == StepState.SUCCESSFUL && step.nodes().isEmpty()
        ? Optional.of(Duration.ZERO) : Optional.empty();
  }

  private static String key(JobType type, String stepName) {
    return type.wireName() + "/" + stepName;
  }
}
