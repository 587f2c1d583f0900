package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.JobFamily;
import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.FailureReason;
import io.qingstor.installer.core.exec.DaemonThreads;
import io.qingstor.installer.core.job.JobEvent;
import io.qingstor.installer.core.job.JobIds;
import io.qingstor.installer.core.job.JobPhase;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.job.LeftOutNode;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.job.StepState;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.platform.PlatformStatus;
import io.qingstor.installer.core.platform.PlatformTransitions;
import io.qingstor.installer.core.platform.PlatformTransitions.Admission;
import io.qingstor.installer.core.state.PlatformRecord;
import io.qingstor.installer.core.state.StateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, runs, cancels and recovers jobs, and owns the platform record and the job table: its
 * own lock, which nothing outside receives, guards them, so exactly one platform-changing job
 * starts however many requests race; steps run outside the lock on the engine's threads. Work
 * that must agree with the active jobs (node changes, dry runs) runs through {@link #exclusive}.
 * Every transition is persisted before the call that caused it returns.
 */
final class JobEngine implements AutoCloseable {
  static final Duration CLIENT_TOKEN_TTL = Duration.ofHours(24);
  static final String INTERRUPTED_BY_RESTART = "interrupted by restart";
  private static final String LEFTOVERS_MAY_RUN = "its commands may still run on";
  private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);

  private static final Comparator<JobRecord> NEWEST_FIRST =
      Comparator.comparing(JobRecord::createTime).reversed().thenComparing(JobRecord::jobId);

  private final Object lock = new Object();
  private final StateStore store;
  private final Plan plan;
  private final Clock clock;
  private final SecureRandom random;
  private final NodeInventory inventory;
  private final JobSteps steps;
  private final Consumer<String> jobChanged;
  private final OrphanReaper reaper;
  private final PlatformSecrets secrets;
  private final JobLedgers ledgers;
  private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();
  private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
  private final ExecutorService platformRunner = Executors.newSingleThreadExecutor(
      DaemonThreads.single("qs-platform-job"));
  private final ExecutorService collectRunner = Executors.newSingleThreadExecutor(
      DaemonThreads.single("qs-collect-job"));
  private PlatformRecord platform;
  private boolean closing;

  JobEngine(StateStore store, Plan plan, Clock clock, SecureRandom random,
      NodeInventory inventory, JobSteps steps, PlatformSecrets secrets,
      Consumer<String> jobChanged, JobLedgers ledgers) {
    this.store = store;
    this.plan = plan;
    this.clock = clock;
    this.random = random;
    this.inventory = inventory;
    this.steps = steps;
    this.jobChanged = jobChanged;
    this.reaper = new OrphanReaper(steps.log());
    this.secrets = secrets;
    this.ledgers = ledgers;
    store.loadJobs().forEach(job -> jobs.put(job.jobId(), job));
    this.platform = store.loadPlatform().orElseGet(() -> {
      PlatformRecord initial = PlatformRecord.initial(clock.instant());
      store.savePlatform(initial);
      return initial;
    });
    loadReferencedConfigs();
    recover();
  }

  /**
   * Runs {@code work} while no job starts or ends, and returns its result: for changes and
   * answers that must agree with the platform and its active jobs (node changes, dry runs).
   */
  <T> T exclusive(Supplier<T> work) {
    synchronized (lock) {
      return work.get();
    }
  }

  PlatformRecord platform() {
    synchronized (lock) {
      return platform;
    }
  }

  Optional<JobRecord> job(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  List<JobRecord> jobsNewestFirst() {
    return jobs.values().stream().sorted(NEWEST_FIRST).collect(Collectors.toList());
  }

  /** The family's newest job, by one pass over the jobs: a status poll sorts nothing. */
  Optional<JobRecord> newestJob(JobFamily family) {
    return jobs.values().stream().filter(j -> j.type().family() == family).min(NEWEST_FIRST);
  }

  /**
   * Starts a platform-changing job: checks the status table, runs {@code prepare} (validation
   * and stored inputs; it may throw and nothing changes), persists the job and the platform's
   * new status, then runs the job in the background.
   */
  JobRecord startPlatformJob(JobType type, String actor, String clientToken,
      Function<PlatformRecord, PreparedJob> prepare) {
    synchronized (lock) {
      refuseWhenClosing();
      Optional<JobRecord> repeat = repeatOf(type, actor, clientToken);
      if (repeat.isPresent()) {
        return repeat.get();
      }
      PlatformStatus next = admit(type);
      PreparedJob prepared = prepare.apply(platform);
      secrets.ensure();
      JobRecord job = newJob(type, actor, clientToken, prepared);
      store.saveJob(job);
      PlatformRecord moved = platform.moveTo(next, clock.instant()).withCurrentJob(job.jobId());
      if (type == JobType.CONFIG) {
        moved = moved.withConfigVersion(prepared.configVersion());
      }
      store.savePlatform(moved);
      prepared.onSaved().run();
      jobs.put(job.jobId(), job);
      platform = moved;
      launch(job, prepared, platformRunner);
      return job;
    }
  }

  /** Starts a collect_nodes job, which runs beside platform jobs. */
  JobRecord startCollectJob(String actor, List<String> nodeIds) {
    synchronized (lock) {
      refuseWhenClosing();
      PreparedJob prepared = new PreparedJob(platform.configVersion(), nodeIds, 0, null, List.of());
      JobRecord job = newJob(JobType.COLLECT_NODES, actor, null, prepared);
      store.saveJob(job);
      jobs.put(job.jobId(), job);
      launch(job, prepared, collectRunner);
      return job;
    }
  }

  /** Refuses as starting a job of {@code type} now would (busy, or the status forbids it). */
  void checkAdmits(JobType type) {
    synchronized (lock) {
      admit(type);
    }
  }

  /** A job saved now could not run: its threads are stopping. Nothing is written. */
  private void refuseWhenClosing() {
    if (closing) {
      throw new QsApiException(RetCode.SERVER_BUSY,
          "the installer is shutting down; send the request again once it is back");
    }
  }

  /** Cancels a running job; it ends failed saying who cancelled it. */
  JobRecord cancel(String jobId, String actor) {
    JobRecord job = job(jobId).orElseThrow(() -> notFound(jobId));
    Cancellation cancellation = running.get(jobId);
    if (cancellation == null || !job.active()) {
      throw new QsApiException(RetCode.PERMISSION_DENIED,
          "job " + jobId + " is " + job.status() + " already; only a running job can be cancelled");
    }
    cancellation.cancel("cancelled by " + actor);
    return job;
  }

  /** The latest failed job of {@code type} that the platform's last transition came from. */
  Optional<JobRecord> lastFailed(JobType type) {
    synchronized (lock) {
      return Optional.ofNullable(platform.currentJobId()).map(jobs::get)
          .filter(j -> j.type() == type && j.phase() == JobPhase.FAILED);
    }
  }

  /** True once no job runs; waits at most {@code timeout}. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!running.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /** Interrupts running jobs (they end failed, "interrupted by shutdown") and stops the threads. */
  @Override
  public void close() {
    synchronized (lock) {
      closing = true;
      lock.notifyAll();
    }
    running.values().forEach(c -> c.cancel("interrupted by shutdown"));
    platformRunner.shutdown();
    collectRunner.shutdown();
    try {
      platformRunner.awaitTermination(30, TimeUnit.SECONDS);
      collectRunner.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static QsApiException notFound(String jobId) {
    return new QsApiException(RetCode.RESOURCE_NOT_FOUND, "job " + jobId + " not found");
  }

  private PlatformStatus admit(JobType type) {
    PlatformStatus status = platform.status();
    if (status.jobRunning()) {
      throw new QsApiException(RetCode.RESOURCE_BUSY, "job " + platform.currentJobId()
          + " is running (platform " + status.wireName() + "); wait for it or cancel it");
    }
    JobRecord last = platform.currentJobId() == null ? null : jobs.get(platform.currentJobId());
    Admission admission = new Admission(type.kind(), last == null ? null : last.type().kind(),
        last == null ? null : last.jobId());
    var fired = PlatformTransitions.fire(status, type.startedEvent(), admission);
    if (fired.row().isEmpty()) {
      throw new QsApiException(RetCode.PERMISSION_DENIED, fired.failedGuard() != null
          ? fired.refusal()
          : actionName(type) + " is not allowed while the platform is " + status.wireName()
              + (fired.refusal().isEmpty() ? "" : "; " + fired.refusal()));
    }
    return fired.to();
  }

  static String actionName(JobType type) {
    return type.kind().action().wireName();
  }

  private Optional<JobRecord> repeatOf(JobType type, String actor, String clientToken) {
    if (clientToken == null) {
      return Optional.empty();
    }
    Instant since = clock.instant().minus(CLIENT_TOKEN_TTL);
    return jobs.values().stream()
        .filter(j -> j.type() == type && clientToken.equals(j.clientToken())
            && actor.equals(j.actor()) && j.createTime().isAfter(since))
        .findFirst();
  }

  private JobRecord newJob(JobType type, String actor, String clientToken, PreparedJob prepared) {
    List<PlanStep> planSteps = plan.steps(type);
    if (prepared.firstStep() < 0 || prepared.firstStep() >= Math.max(planSteps.size(), 1)) {
      throw QsApiException.invalidField("from_step",
          "must be from 0 to " + (planSteps.size() - 1));
    }
    String id;
    do {
      id = JobIds.generate(random);
    } while (jobs.containsKey(id));
    List<StepRecord> records = planSteps.stream()
        .map(s -> new StepRecord(s.name(), s.title(), StepState.PENDING))
        .collect(Collectors.toList());
    JobRecord failed = prepared.resumedFrom() == null ? null : jobs.get(prepared.resumedFrom());
    if (failed != null && !planSteps.get(prepared.firstStep()).rerunAll()) {
      records.set(prepared.firstStep(), ResumedNodes.carry(failed,
          records.get(prepared.firstStep())));
    }
    return JobRecord.create(id, type, records, clock.instant(), actor, clientToken,
        prepared.newNodes(), prepared.configVersion(), prepared.force())
        .leaveOut(ResumedNodes.leftOut(failed, prepared.firstStep()));
  }

  private void launch(JobRecord job, PreparedJob prepared, ExecutorService runner) {
    Cancellation cancellation = new Cancellation();
    running.put(job.jobId(), cancellation);
    runner.execute(() -> run(job, prepared, cancellation));
  }

  private void run(JobRecord initial, PreparedJob prepared, Cancellation cancellation) {
    JobLedger ledger = ledgers.open(initial, store::saveJob, j -> {
      jobs.put(j.jobId(), j);
      jobChanged.accept(j.jobId());
    });
    JobRecord job = initial;
    try {
      JobTargets targets = JobTargets.of(job);
      List<PlanStep> planSteps = plan.steps(job.type()).stream().map(targets::effective).toList();
      for (int i = 0; i < planSteps.size(); i++) {
        if (cancellation.isCancelled()) {
          job = job.fail(JobEvent.CANCELLED, cancellation.reason(), cancelled(cancellation),
              clock.instant());
          break;
        }
        if (i < prepared.firstStep()) {
          // Logged first: once the record says skipped, the step's log is final.
          log(job, i, prepared.resumedFrom() != null
              ? "skipped: completed by job " + prepared.resumedFrom()
              : "skipped: the job starts at from_step " + prepared.firstStep());
          int skipped = i;
          job = ledger.apply(j -> j.finishStep(skipped, StepState.SKIPPED));
          continue;
        }
        int index = i;
        job = ledger.apply(j -> j.startStep(index, clock.instant()));
        if (i == prepared.firstStep() && leftoversMayRun(prepared.resumedFrom())) {
          // Whatever the crashed run left on a node the restart could not reach stops first.
          reaper.reap(prepared.resumedFrom(), steps.runTargets(job, i, planSteps.get(i)),
              job.jobId(), i);
        }
        StepOutcome outcome;
        try {
          outcome = steps.run(job, i, planSteps.get(i), cancellation);
        } finally {
          store.syncStepLog(job.jobId(), i);
          job = ledger.current();
        }
        if (outcome.cancelled()) {
          job = job.fail(JobEvent.CANCELLED, cancellation.reason(), cancelled(cancellation),
              clock.instant());
          break;
        }
        if (!outcome.succeeded()) {
          job = job.fail(JobEvent.STEP_FAILED, steps.log().scrub(JobStatuses.step(i) + " ("
              + planSteps.get(i).name() + ") " + outcome.summary()), outcome.firstDiagnosis(),
              clock.instant());
          break;
        }
        List<LeftOutNode> leftOut = leftOut(job, i, planSteps.get(i), outcome);
        job = ledger.apply(j -> j.leaveOut(leftOut).finishStep(index, StepState.SUCCESSFUL));
      }
      if (job.active()) {
        job = job.succeed(clock.instant());
      }
    } catch (RuntimeException e) {
      job = ledger.current().fail(JobEvent.STEP_FAILED,
          steps.log().scrub("internal error in the installer: " + e), clock.instant());
    } finally {
      ledgers.close(initial.jobId());
    }
    finish(job);
  }

  /**
   * The nodes a step failed on within its failure budget, which the job goes on without; each is
   * logged as a warning on the step and in the installer's log.
   */
  private List<LeftOutNode> leftOut(JobRecord job, int index, PlanStep step,
      StepOutcome outcome) {
    List<LeftOutNode> nodes = outcome.leftOut().stream()
        .map(f -> new LeftOutNode(f.nodeId(), index, step.name(),
            f.diagnosis().reason().wireName(), steps.log().scrub(f.why())))
        .toList();
    if (!nodes.isEmpty()) {
      String ids = String.join(", ", nodes.stream().map(LeftOutNode::nodeId).toList());
      log(job, index, "warning: the job goes on without " + ids + ": " + nodes.size() + " of "
          + outcome.targets() + " target node(s) failed, within the step's failure budget ("
          + step.budget().describe(outcome.targets()) + "); later steps skip them and the"
          + " platform marks them failed");
      LOG.warn("Job {} goes on without {}: they failed step{} ({}) within its failure budget",
          job.jobId(), ids, index, step.name());
    }
    return nodes;
  }

  private static Diagnosis cancelled(Cancellation cancellation) {
    return new Diagnosis(FailureReason.CANCELLED, "the job was stopped (" + cancellation.reason()
        + "): run the same action again to resume at the step it stopped in");
  }

  /**
   * Records the job's end. Memory follows each write that succeeded, so a failing write leaves
   * the core showing what the disk holds; the writes are retried (the lock released meanwhile)
   * until they succeed or the engine closes, when a restart will fail the job instead.
   */
  private void finish(JobRecord job) {
    synchronized (lock) {
      try {
        for (long backoff = 10; !recordEnd(job); backoff = Math.min(backoff * 2, 1000)) {
          if (closing) {
            return;
          }
          lock.wait(backoff);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.remove(job.jobId());
        lock.notifyAll();
      }
    }
  }

  /** Persists the job's end and its platform outcome; false (logged) when a write failed. */
  private boolean recordEnd(JobRecord job) {
    try {
      store.saveJob(job);
      jobs.put(job.jobId(), job);
      if (job.type().platformChanging()) {
        applyOutcome(job);
      }
      jobChanged.accept(job.jobId());
      return true;
    } catch (RuntimeException e) {
      LOG.error("Cannot record the end of job {} ({}); retrying", job.jobId(), job.status(), e);
      return false;
    }
  }

  private void applyOutcome(JobRecord job) {
    JobOutcomes.Outcome outcome =
        JobOutcomes.of(platform, job, steps.platformNodes(job), clock.instant());
    if (outcome.effects().contains(PlatformTransitions.Effect.FORGET_PLATFORM)) {
      // Before the platform says new: a crash in between leaves it reset_failed, and a Reset
      // again finds nothing left to forget.
      secrets.forget();
      store.deleteArtifacts();
    }
    inventory.change(outcome.nodeChanges());
    store.savePlatform(outcome.platform());
    platform = outcome.platform();
  }

  /** Saves, then shows the record, then tells whoever follows the job (it reads memory). */
  private JobRecord save(JobRecord job) {
    store.saveJob(job);
    jobs.put(job.jobId(), job);
    jobChanged.accept(job.jobId());
    return job;
  }

  private void log(JobRecord job, int step, String text) {
    steps.log().info(job.jobId(), step, text);
    steps.log().sync(job.jobId(), step);
  }

  /** Reads every config a record refers to, so that a damaged one stops the start, not a call. */
  private void loadReferencedConfigs() {
    IntStream.concat(IntStream.of(platform.configVersion()),
            jobs.values().stream().mapToInt(JobRecord::configVersion))
        .filter(version -> version > 0).distinct().forEach(store::loadConfig);
  }

  /**
   * After a crash: every job that was not final is failed ("interrupted by restart", pre_status
   * its step) and the platform leaves its running status the way the job ended.
   */
  private void recover() {
    for (JobRecord job : List.copyOf(jobs.values())) {
      if (job.active()) {
        String why = INTERRUPTED_BY_RESTART + stopLeftovers(job);
        save(job.fail(JobEvent.INTERRUPTED_BY_RESTART, why, clock.instant()));
      }
    }
    Instant now = clock.instant();
    if (platform.status().jobRunning()) {
      JobRecord last = jobs.get(platform.currentJobId());
      PlatformRecord next;
      if (last != null && last.type().platformChanging()) {
        JobOutcomes.Outcome outcome = JobOutcomes.of(platform, last, List.of(), now);
        inventory.change(outcome.nodeChanges()); // the nodes it went on without, marked failed
        next = outcome.platform();
      } else {
        next = platform.moveTo(PlatformTransitions.next(platform.status(),
            PlatformTransitions.failureOf(platform.status())).orElseThrow(), now);
      }
      store.savePlatform(next);
      platform = next;
    }
  }

  /**
   * Stops the commands an interrupted job's running step left on its nodes; names the nodes that
   * could not be checked (empty when there are none).
   */
  private String stopLeftovers(JobRecord job) {
    int step = job.currentStep();
    if (step < 0 || job.steps().get(step).state() != StepState.RUNNING) {
      return "";
    }
    List<OrphanReaper.Unchecked> unchecked;
    try {
      unchecked = reaper.reap(job.jobId(),
          steps.runTargets(job, step, plan.steps(job.type()).get(step)), job.jobId(), step);
    } catch (RuntimeException e) {
      LOG.error("Cannot stop the commands job {} left running", job.jobId(), e);
      return "; " + LEFTOVERS_MAY_RUN + " its step's nodes (" + e.getMessage()
          + "): a resume stops them first";
    }
    return unchecked.isEmpty() ? "" : "; " + LEFTOVERS_MAY_RUN + " " + JobErrors.nodeList(
        unchecked.stream().map(Object::toString).toList()) + ": a resume stops them first";
  }

  /** True when the restart could not check every node of job {@code jobId} (null: no job). */
  private boolean leftoversMayRun(String jobId) {
    JobRecord crashed = jobId == null ? null : jobs.get(jobId);
    return crashed != null && crashed.error() != null
        && crashed.error().contains(LEFTOVERS_MAY_RUN);
  }
}
