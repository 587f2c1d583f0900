package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.plan.Targets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A job's status with its nodes, elapsed time and ETA (docs/fleet-operations.md). The parts
 * that depend on the job record only (nodes, counts, the estimate) are computed once per record
 * and kept until the record changes; the step history and target counts once per job. A poll
 * between two changes costs a map lookup and two subtractions, however many nodes the step has.
 */
final class StatusViews {
  private static final int MAX_CACHED_JOBS = 64;

  private final Supplier<List<JobRecord>> jobs;
  private final Plan plan;
  private final ConfigVersions configs;
  private final Clock clock;
  private final Map<String, View> views = new ConcurrentHashMap<>();

  /**
   * @param jobs every job known (the history's source)
   * @param configs the job's config, for the nodes a step not started yet targets
   */
  StatusViews(Supplier<List<JobRecord>> jobs, Plan plan, ConfigVersions configs, Clock clock) {
    this.jobs = jobs;
    this.plan = plan;
    this.configs = configs;
    this.clock = clock;
  }

  /** The status of {@code job} now. */
  JobInfo status(JobRecord job) {
    View view = views.get(job.jobId());
    if (view == null || view.job() != job) {
      view = view(job, view);
      if (views.size() >= MAX_CACHED_JOBS) {
        views.clear();
      }
      views.put(job.jobId(), view);
    }
    Instant now = clock.instant();
    return JobViews.info(job, view.nodes(), elapsedSeconds(job, now),
        view.eta().map(eta -> eta.secondsLeft(now)).orElse(null));
  }

  /** The record's view; the history and target counts of an earlier view of the job are kept. */
  private View view(JobRecord job, View earlier) {
    int shown = shownStep(job);
    StepNodes nodes = shown < 0 || job.steps().isEmpty() ? null
        : StepNodes.of(job.steps().get(shown), shown, JobInfo.MAX_NODES);
    if (!job.active()) {
      // A job that has ended has no estimate: its history and target counts are never needed.
      return new View(job, null, null, nodes, Optional.empty());
    }
    List<PlanStep> planSteps = plan.steps(job.type());
    StepHistory history = earlier != null ? earlier.history()
        : StepHistory.before(job, jobs.get(), plan);
    List<Integer> targets = earlier != null ? earlier.targets()
        : planSteps.stream().map(step -> targetCount(job, step)).toList();
    Optional<JobEta> eta = JobEta.of(job, history, planSteps, targets::get);
    return new View(job, history, targets, nodes, eta);
  }

  /**
   * The step whose nodes a status shows: the running one, a failed job's failed step, or the
   * step at which a successful job went on without its first node (its failed nodes first);
   * -1 for none (pending, or successful on every node).
   */
  private static int shownStep(JobRecord job) {
    if (job.active()) {
      return job.currentStep();
    }
    int failed = job.failedStep();
    return failed >= 0 || job.leftOut().isEmpty() ? failed : job.leftOut().get(0).step();
  }

  /** How many nodes a step will run on (for the ETA of a step not started yet). */
  private int targetCount(JobRecord job, PlanStep step) {
    if (job.type() == JobType.COLLECT_NODES) {
      return JobTargets.of(job).ids(step, null).size();
    }
    if (step.targets() == Targets.FIRSTBOX) {
      return 1;
    }
    Optional<PlatformConfig> config = configs.find(job.configVersion());
    return config.map(c -> JobTargets.of(job).ids(step, c).size()).orElse(0);
  }

  private static Long elapsedSeconds(JobRecord job, Instant now) {
    if (job.startTime() == null) {
      return null;
    }
    Instant end = job.endTime() != null ? job.endTime() : now;
    return Math.max(0, Duration.between(job.startTime(), end).toSeconds());
  }

  /**
   * What a job record shows beside its own fields; {@code nodes} null when none are shown. The
   * history and each step's target count are the job's, kept from one record to the next (null
   * once the job has ended).
   */
  private record View(JobRecord job, StepHistory history, List<Integer> targets,
      StepNodes nodes, Optional<JobEta> eta) {}
}
