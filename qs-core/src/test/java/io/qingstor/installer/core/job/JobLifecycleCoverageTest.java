package io.qingstor.installer.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every way a job's life can go, as the engine drives a record, takes every row of the job
 * table: the test fails when a row is never taken, so a new row needs its scenario here.
 */
class JobLifecycleCoverageTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static JobRecord job(int steps) {
    List<StepRecord> records = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      records.add(new StepRecord("s" + i, "Step " + i, StepState.PENDING));
    }
    return JobRecord.create("j-CCCCCCCC", JobType.CONFIG, records, T0, "admin", null, List.of(),
        1);
  }

  private static JobRecord running(int steps) {
    return job(steps).startStep(0, T0);
  }

  @Test
  void theLivesOfJobsTakeEveryRowOfTheJobTable() {
    try (var coverage = JobTransitions.table().startCoverage()) {
      List<JobRecord> ends = List.of(
          job(0).succeed(T0), // a resume with every step already done
          job(1).fail(JobEvent.STEP_FAILED, "its record cannot be saved", T0),
          job(1).fail(JobEvent.CANCELLED, "cancelled by ops", T0),
          job(1).fail(JobEvent.INTERRUPTED_BY_RESTART, "interrupted by restart", T0),
          running(2).finishStep(0, StepState.SUCCESSFUL).startStep(1, T0)
              .finishStep(1, StepState.SUCCESSFUL).succeed(T0),
          running(1).fail(JobEvent.STEP_FAILED, "step0 (s0) failed on n-1 (exit 3)", T0),
          running(1).fail(JobEvent.CANCELLED, "cancelled by ops", T0),
          running(1).fail(JobEvent.INTERRUPTED_BY_RESTART, "interrupted by restart", T0));

      assertThat(ends).allMatch(end -> !end.active());
      assertThat(coverage.unexercised()).isEmpty();
    }
  }
}
