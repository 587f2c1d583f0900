package io.qingstor.installer.core.job;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.core.exec.Diagnosis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A job as persisted in {@code jobs/<job_id>/job.json}. Immutable: every change goes through a
 * method that applies the {@link JobTransitions} table and returns the next record.
 *
 * @param currentStep the step running or last run; -1 before the first
 * @param preStatus the wire status before the current one ({@code pending} before step0)
 * @param newNodes the nodes a scale job adds (the {@code new} plan target), or a scale-in job
 *     removes (the {@code removed} target); empty otherwise
 * @param configVersion the config version the job works on (a scale job's candidate version)
 * @param failure why a failed job failed (its first failed node's diagnosis, or its
 *     cancellation) and what to do; null otherwise
 * @param leftOut the nodes the job goes on without, in the order it left them out (empty
 *     unless a step's failure budget let nodes fail)
 * @param force a scale-in job that removes its nodes without contacting them ({@code force})
 */
public record JobRecord(
    String jobId,
    JobType type,
    JobPhase phase,
    int currentStep,
    String preStatus,
    List<StepRecord> steps,
    String error,
    Instant createTime,
    Instant startTime,
    Instant endTime,
    String actor,
    String clientToken,
    List<String> newNodes,
    int configVersion,
    Diagnosis failure,
    List<LeftOutNode> leftOut,
    boolean force) {

  public JobRecord {
    requireNonNull(jobId, "jobId");
    requireNonNull(type, "type");
    requireNonNull(phase, "phase");
    steps = List.copyOf(steps);
    newNodes = newNodes == null ? List.of() : List.copyOf(newNodes);
    leftOut = leftOut == null ? List.of() : List.copyOf(leftOut);
  }

  /** A new pending job. */
  public static JobRecord create(String jobId, JobType type, List<StepRecord> steps, Instant now,
      String actor, String clientToken, List<String> newNodes, int configVersion) {
    return create(jobId, type, steps, now, actor, clientToken, newNodes, configVersion, false);
  }

  /** A new pending job; {@code force} for a scale-in that does not contact its nodes. */
  public static JobRecord create(String jobId, JobType type, List<StepRecord> steps, Instant now,
      String actor, String clientToken, List<String> newNodes, int configVersion, boolean force) {
    return new Builder(jobId, type, steps).phase(JobPhase.PENDING).currentStep(-1)
        .createTime(now).actor(actor).clientToken(clientToken).newNodes(newNodes)
        .configVersion(configVersion).force(force).build();
  }

  /** The wire status: {@code pending}, {@code stepN}, {@code successful} or {@code failed}. */
  public String status() {
    switch (phase) {
      case PENDING: return JobStatuses.PENDING;
      case RUNNING: return JobStatuses.step(currentStep);
      case SUCCESSFUL: return JobStatuses.SUCCESSFUL;
      default: return JobStatuses.FAILED;
    }
  }

  /**
   * Percent of the job done: steps successful or skipped, plus the running step's share of its
   * own work (its nodes done, or its task count).
   */
  public int progress() {
    if (phase == JobPhase.SUCCESSFUL || steps.isEmpty()) {
      return phase == JobPhase.SUCCESSFUL ? 100 : 0;
    }
    double done = 0;
    for (StepRecord s : steps) {
      if (s.state() == StepState.SUCCESSFUL || s.state() == StepState.SKIPPED) {
        done += 1;
      } else if (s.state() == StepState.RUNNING) {
        done += s.fractionDone();
      }
    }
    return (int) Math.min(99, done * 100 / steps.size());
  }

  /** The node left out of this job, if it was. */
  public Optional<LeftOutNode> leftOut(String nodeId) {
    return leftOut.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
  }

  /** This job going on without {@code nodes} too; a node left out already stays as it was. */
  public JobRecord leaveOut(List<LeftOutNode> nodes) {
    List<LeftOutNode> all = new ArrayList<>(leftOut);
    for (LeftOutNode node : nodes) {
      if (all.stream().noneMatch(n -> n.nodeId().equals(node.nodeId()))) {
        all.add(node);
      }
    }
    return toBuilder().leftOut(all).build();
  }

  /** One line per node the job went on without; empty when there is none. */
  public List<String> warnings() {
    return leftOut.stream().map(LeftOutNode::warning).toList();
  }

  /** The title of the current step, or null before the first. */
  public String stepTitle() {
    return currentStep < 0 ? null : steps.get(currentStep).title();
  }

  /** The index of the step that failed, or -1. */
  public int failedStep() {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).state() == StepState.FAILED) {
        return i;
      }
    }
    return -1;
  }

  /** True while the job has not reached a final phase. */
  public boolean active() {
    return !phase.isFinal();
  }

  /** Starts step {@code index}. */
  public JobRecord startStep(int index, Instant now) {
    return moved(JobEvent.STEP_STARTED).currentStep(index)
        .steps(withStep(index, StepState.RUNNING))
        .startTime(startTime == null ? now : startTime).build();
  }

  /** Marks step {@code index} done with {@code state} (successful or skipped); phase unchanged. */
  public JobRecord finishStep(int index, StepState state) {
    if (state != StepState.SUCCESSFUL && state != StepState.SKIPPED) {
      throw new IllegalArgumentException("use fail() for a failed step");
    }
    return toBuilder().steps(withStep(index, state)).build();
  }

  /** Every step is done: the job succeeded. */
  public JobRecord succeed(Instant now) {
    return moved(JobEvent.ALL_STEPS_DONE).error(null).failure(null)
        .startTime(startTime == null ? now : startTime).endTime(now).build();
  }

  /**
   * The job failed ({@code event} is STEP_FAILED, CANCELLED or INTERRUPTED_BY_RESTART): the
   * running step is marked failed, or, between two steps, the next one (so the steps that
   * finished stay finished and a resume starts after them); {@code pre_status} keeps the status
   * it was in.
   */
  public JobRecord fail(JobEvent event, String why, Instant now) {
    return fail(event, why, null, now);
  }

  /** As {@link #fail(JobEvent, String, Instant)}, recording why ({@code diagnosis}, or null). */
  public JobRecord fail(JobEvent event, String why, Diagnosis diagnosis, Instant now) {
    Builder failed = moved(event).error(requireNonNull(why, "why")).failure(diagnosis)
        .endTime(now);
    int failing = stepToFail();
    if (failing < 0) {
      return failed.build();
    }
    List<StepRecord> failedSteps = new ArrayList<>(steps);
    failedSteps.set(failing, steps.get(failing).withState(StepState.FAILED)
        .withRunningNodesStopped(why));
    return failed.steps(failedSteps).build();
  }

  /**
   * The running step, else the first step not run yet, else (every step done, the job's end not
   * recorded) the last step run, which a resume then runs again; -1 when there is none.
   */
  private int stepToFail() {
    if (currentStep >= 0 && steps.get(currentStep).state() == StepState.RUNNING) {
      return currentStep;
    }
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).state() == StepState.PENDING) {
        return i;
      }
    }
    return currentStep;
  }

  /** This job with step {@code index}'s record changed (its ledger, its task count). */
  public JobRecord withStepRecord(int index, UnaryOperator<StepRecord> change) {
    List<StepRecord> copy = new ArrayList<>(steps);
    copy.set(index, change.apply(copy.get(index)));
    return toBuilder().steps(copy).build();
  }

  /** This job after {@code event}: its next phase, with the status it leaves as pre_status. */
  private Builder moved(JobEvent event) {
    JobPhase next = JobTransitions.next(phase, event).orElseThrow(() -> new IllegalStateException(
        "job " + jobId + " cannot take " + event + " in phase " + phase));
    return toBuilder().phase(next).preStatus(status());
  }

  private Builder toBuilder() {
    return new Builder(jobId, type, steps).phase(phase).currentStep(currentStep)
        .preStatus(preStatus).error(error).createTime(createTime).startTime(startTime)
        .endTime(endTime).actor(actor).clientToken(clientToken).newNodes(newNodes)
        .configVersion(configVersion).failure(failure).leftOut(leftOut).force(force);
  }

  /**
   * Every change of a record goes through this builder: named setters, so two times or two
   * strings cannot trade places the way they could among the constructor's 16 arguments.
   */
  private static final class Builder {
    private final String jobId;
    private final JobType type;
    private List<StepRecord> steps;
    private JobPhase phase;
    private int currentStep;
    private String preStatus;
    private String error;
    private Instant createTime;
    private Instant startTime;
    private Instant endTime;
    private String actor;
    private String clientToken;
    private List<String> newNodes;
    private int configVersion;
    private Diagnosis failure;
    private List<LeftOutNode> leftOut;
    private boolean force;

    private Builder(String jobId, JobType type, List<StepRecord> steps) {
      this.jobId = jobId;
      this.type = type;
      this.steps = steps;
    }

    Builder steps(List<StepRecord> value) {
      this.steps = value;
      return this;
    }

    Builder phase(JobPhase value) {
      this.phase = value;
      return this;
    }

    Builder currentStep(int value) {
      this.currentStep = value;
      return this;
    }

    Builder preStatus(String value) {
      this.preStatus = value;
      return this;
    }

    Builder error(String value) {
      this.error = value;
      return this;
    }

    Builder createTime(Instant value) {
      this.createTime = value;
      return this;
    }

    Builder startTime(Instant value) {
      this.startTime = value;
      return this;
    }

    Builder endTime(Instant value) {
      this.endTime = value;
      return this;
    }

    Builder actor(String value) {
      this.actor = value;
      return this;
    }

    Builder clientToken(String value) {
      this.clientToken = value;
      return this;
    }

    Builder newNodes(List<String> value) {
      this.newNodes = value;
      return this;
    }

    Builder configVersion(int value) {
      this.configVersion = value;
      return this;
    }

    Builder failure(Diagnosis value) {
      this.failure = value;
      return this;
    }

    Builder leftOut(List<LeftOutNode> value) {
      this.leftOut = value;
      return this;
    }

    Builder force(boolean value) {
      this.force = value;
      return this;
    }

    JobRecord build() {
      return new JobRecord(jobId, type, phase, currentStep, preStatus, steps, error, createTime,
          startTime, endTime, actor, clientToken, newNodes, configVersion, failure, leftOut,
          force);
    }
  }

  private List<StepRecord> withStep(int index, StepState state) {
    List<StepRecord> copy = new ArrayList<>(steps);
    copy.set(index, copy.get(index).withState(state));
    return copy;
  }
}
