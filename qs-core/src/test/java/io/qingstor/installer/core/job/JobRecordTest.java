package io.qingstor.installer.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.core.exec.Outcome;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A job's lifecycle, statuses and pre_status follow the job table. */
class JobRecordTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static JobRecord job(int steps) {
    List<StepRecord> records = new java.util.ArrayList<>();
    for (int i = 0; i < steps; i++) {
      records.add(new StepRecord("s" + i, "Step " + i, StepState.PENDING));
    }
    return JobRecord.create("j-AAAAAAAA", JobType.DEPLOY, records, T0, "admin", null, List.of(), 1);
  }

  @Test
  void aNewJobIsPending() {
    assertThat(job(2).status()).isEqualTo("pending");
    assertThat(job(2).progress()).isZero();
  }

  @Test
  void startingAStepMakesItTheStatusAndThePreviousStatusThePreStatus() {
    JobRecord j = job(3).startStep(0, T0).finishStep(0, StepState.SUCCESSFUL).startStep(1, T0);

    assertThat(j.status()).isEqualTo("step1");
    assertThat(j.preStatus()).isEqualTo("step0");
    assertThat(j.stepTitle()).isEqualTo("Step 1");
    assertThat(j.progress()).isEqualTo(33);
  }

  @Test
  void successAfterTheLastStepKeepsItAsPreStatus() {
    JobRecord j = job(2).startStep(0, T0).finishStep(0, StepState.SUCCESSFUL)
        .startStep(1, T0).finishStep(1, StepState.SUCCESSFUL).succeed(T0);

    assertThat(j.status()).isEqualTo("successful");
    assertThat(j.preStatus()).isEqualTo("step1");
    assertThat(j.progress()).isEqualTo(100);
    assertThat(j.active()).isFalse();
  }

  @Test
  void failureMarksTheRunningStepAndKeepsItAsPreStatus() {
    JobRecord j = job(3).startStep(0, T0).finishStep(0, StepState.SUCCESSFUL).startStep(1, T0)
        .fail(JobEvent.STEP_FAILED, "step1 (bricks) failed on n-a (exit 1)", T0);

    assertThat(j.status()).isEqualTo("failed");
    assertThat(j.preStatus()).isEqualTo("step1");
    assertThat(j.failedStep()).isEqualTo(1);
    assertThat(j.error()).contains("n-a");
  }

  @Test
  void failingBetweenStepsMarksTheNextStepAndKeepsTheFinishedOne() {
    JobRecord j = job(3).startStep(0, T0).finishStep(0, StepState.SUCCESSFUL)
        .fail(JobEvent.CANCELLED, "cancelled by admin", T0);

    assertThat(j.steps()).extracting(StepRecord::state)
        .containsExactly(StepState.SUCCESSFUL, StepState.FAILED, StepState.PENDING);
    assertThat(j.failedStep()).isEqualTo(1);
    assertThat(j.preStatus()).isEqualTo("step0");
  }

  @Test
  void failingWhileSkippingMarksTheFirstStepNotRun() {
    JobRecord j = job(3).finishStep(0, StepState.SKIPPED)
        .fail(JobEvent.INTERRUPTED_BY_RESTART, "interrupted by restart", T0);

    assertThat(j.failedStep()).isEqualTo(1);
  }

  @Test
  void failingAfterTheLastStepMarksTheLastStepSoAResumeRunsOnlyIt() {
    JobRecord j = job(2).startStep(0, T0).finishStep(0, StepState.SUCCESSFUL).startStep(1, T0)
        .finishStep(1, StepState.SUCCESSFUL)
        .fail(JobEvent.INTERRUPTED_BY_RESTART, "interrupted by restart", T0);

    assertThat(j.failedStep()).isEqualTo(1);
  }

  @Test
  void nodesRunningWhenTheJobStopsAreRecordedFailedWithTheReason() {
    JobRecord j = job(2).startStep(0, T0)
        .withStepRecord(0, s -> s.withNode(NodeStep.pending("n-1").succeeded())
            .withNode(NodeStep.pending("n-2").running()).withNode(NodeStep.pending("n-3")))
        .fail(JobEvent.INTERRUPTED_BY_RESTART, "interrupted by restart", T0);

    assertThat(j.steps().get(0).nodes()).containsExactly(
        NodeStep.pending("n-1").succeeded(),
        NodeStep.pending("n-2").failed(Outcome.CANCELLED, "interrupted by restart"),
        NodeStep.pending("n-3"));
  }

  @Test
  void progressCountsTheNodesDoneInsideTheRunningStep() {
    JobRecord j = job(2).startStep(0, T0).withStepRecord(0, s -> s
        .withNode(NodeStep.pending("n-1").succeeded()).withNode(NodeStep.pending("n-2").running()));

    assertThat(j.progress()).isEqualTo(25);
  }

  @Test
  void progressPrefersTheStepsOwnTaskCount() {
    JobRecord j = job(1).startStep(0, T0)
        .withStepRecord(0, s -> s.withNode(NodeStep.pending("n-1"))
            .withTasks(new StepRecord.TaskCount(3, 4)));

    assertThat(j.progress()).isEqualTo(75);
  }

  @Test
  void aFinalJobCannotMoveAgain() {
    JobRecord done = job(1).startStep(0, T0).finishStep(0, StepState.SUCCESSFUL).succeed(T0);

    assertThatThrownBy(() -> done.startStep(0, T0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> done.fail(JobEvent.CANCELLED, "x", T0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aStepCannotBeFinishedAsFailedOutsideFail() {
    assertThatThrownBy(() -> job(1).startStep(0, T0).finishStep(0, StepState.FAILED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyPhaseEventPairIsEitherInTheTableOrIllegal() {
    int legal = 0;
    for (JobPhase phase : JobPhase.values()) {
      for (JobEvent event : JobEvent.values()) {
        if (JobTransitions.next(phase, event).isPresent()) {
          legal++;
          assertThat(phase.isFinal()).isFalse();
        }
      }
    }
    assertThat(legal).isEqualTo(JobTransitions.table().rows().size());
  }

  @Test
  void jobIdsAreJDashEightAlphanumericsAndDistinct() {
    SecureRandom random = new SecureRandom();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = JobIds.generate(random);
      assertThat(JobIds.isValid(id)).as(id).isTrue();
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
    assertThat(JobIds.isValid("j-1234567")).isFalse();
    assertThat(JobIds.isValid("j-1234567$")).isFalse();
  }
}
