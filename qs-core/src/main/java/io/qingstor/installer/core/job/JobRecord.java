package io.qingstor.installer.core.job;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.api.JobStatuses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A job as persisted in {@code jobs/<job_id>/job.json}. Immutable: every change goes through a
 * method that applies the {@link JobTransitions} table and returns the next record.
 *
 * @param currentStep the step running or last run; -1 before the first
 * @param preStatus the wire status before the current one ({@code pending} before step0)
 * @param newNodes the nodes a scale job adds (the {@code new} plan target); empty otherwise
 * @param configVersion the config version the job works on (a scale job's candidate version)
 * @param failure why a failed job failed (its first failed node's diagnosis, or its
 *     cancellation) and what to do; null otherwise
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
    Diagnosis failure) {

  public JobRecord {
    requireNonNull(jobId, "jobId");
    requireNonNull(type, "type");
    requireNonNull(phase, "phase");
    steps = List.copyOf(steps);
    newNodes = newNodes == null ? List.of() : List.copyOf(newNodes);
  }

  /** A new pending job. */
  public static JobRecord create(String jobId, JobType type, List<StepRecord> steps, Instant now,
      String actor, String clientToken, List<String> newNodes, int configVersion) {
    return new JobRecord(jobId, type, JobPhase.PENDING, -1, null, steps, null, now, null, null,
        actor, clientToken, newNodes, configVersion, null);
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
    JobPhase next = move(JobEvent.STEP_STARTED);
    return new JobRecord(jobId, type, next, index, status(), withStep(index, StepState.RUNNING),
        error, createTime, startTime == null ? now : startTime, endTime, actor, clientToken,
        newNodes, configVersion, failure);
  }

  /** Marks step {@code index} done with {@code state} (successful or skipped); phase unchanged. */
  public JobRecord finishStep(int index, StepState state) {
    if (state != StepState.SUCCESSFUL && state != StepState.SKIPPED) {
      throw new IllegalArgumentException("use fail() for a failed step");
    }
    return new JobRecord(jobId, type, phase, currentStep, preStatus, withStep(index, state), error,
        createTime, startTime, endTime, actor, clientToken, newNodes, configVersion, failure);
  }

  /** Every step is done: the job succeeded. */
  public JobRecord succeed(Instant now) {
    JobPhase next = move(JobEvent.ALL_STEPS_DONE);
    return new JobRecord(jobId, type, next, currentStep, status(), steps, null, createTime,
        startTime == null ? now : startTime, now, actor, clientToken, newNodes, configVersion,
        null);
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
    JobPhase next = move(event);
    int failing = stepToFail();
    List<StepRecord> failedSteps = steps;
    if (failing >= 0) {
      failedSteps = new ArrayList<>(steps);
      failedSteps.set(failing, steps.get(failing).withState(StepState.FAILED)
          .withRunningNodesStopped(why));
    }
    return new JobRecord(jobId, type, next, currentStep, status(), failedSteps,
        requireNonNull(why, "why"), createTime, startTime, now, actor, clientToken, newNodes,
        configVersion, diagnosis);
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
    return new JobRecord(jobId, type, phase, currentStep, preStatus, copy, error, createTime,
        startTime, endTime, actor, clientToken, newNodes, configVersion, failure);
  }

  private JobPhase move(JobEvent event) {
    return JobTransitions.next(phase, event).orElseThrow(() -> new IllegalStateException(
        "job " + jobId + " cannot take " + event + " in phase " + phase));
  }

  private List<StepRecord> withStep(int index, StepState state) {
    List<StepRecord> copy = new ArrayList<>(steps);
    copy.set(index, copy.get(index).withState(state));
    return copy;
  }
}
