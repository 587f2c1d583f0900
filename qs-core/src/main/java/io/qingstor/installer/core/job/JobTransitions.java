package io.qingstor.installer.core.job;

import static io.qingstor.installer.core.job.JobEvent.ALL_STEPS_DONE;
import static io.qingstor.installer.core.job.JobEvent.CANCELLED;
import static io.qingstor.installer.core.job.JobEvent.INTERRUPTED_BY_RESTART;
import static io.qingstor.installer.core.job.JobEvent.STEP_FAILED;
import static io.qingstor.installer.core.job.JobEvent.STEP_STARTED;
import static io.qingstor.installer.core.job.JobPhase.FAILED;
import static io.qingstor.installer.core.job.JobPhase.PENDING;
import static io.qingstor.installer.core.job.JobPhase.RUNNING;
import static io.qingstor.installer.core.job.JobPhase.SUCCESSFUL;

import io.qingstor.installer.core.machine.TransitionTable;
import io.qingstor.installer.core.machine.TransitionTable.Row;
import java.util.Locale;
import java.util.Optional;

/**
 * The job lifecycle as one table. Final phases have no way out. The record's own methods
 * ({@link JobRecord#startStep}, {@code succeed}, {@code fail}) do what each row means for the
 * steps and times, so the rows name no effects.
 */
public final class JobTransitions {
  /** Jobs have no effects of their own to name; the engine acts on the platform's. */
  public enum Effect {}

  private static final TransitionTable<JobPhase, JobEvent, Void, Effect> TABLE =
      TransitionTable.builder("job", JobPhase.class, JobEvent.class, Void.class,
              Effect.class)
          .row(PENDING, STEP_STARTED, RUNNING)
          .row(PENDING, ALL_STEPS_DONE, SUCCESSFUL)
          .row(PENDING, STEP_FAILED, FAILED) // e.g. its record cannot be saved
          .row(PENDING, CANCELLED, FAILED)
          .row(PENDING, INTERRUPTED_BY_RESTART, FAILED)
          .row(RUNNING, STEP_STARTED, RUNNING)
          .row(RUNNING, ALL_STEPS_DONE, SUCCESSFUL)
          .row(RUNNING, STEP_FAILED, FAILED)
          .row(RUNNING, CANCELLED, FAILED)
          .row(RUNNING, INTERRUPTED_BY_RESTART, FAILED)
          .finalStates(SUCCESSFUL, FAILED)
          .build();

  private JobTransitions() {}

  /** The table itself: its rows, diagram and coverage. */
  public static TransitionTable<JobPhase, JobEvent, Void, Effect> table() {
    return TABLE;
  }

  /** Where {@code event} takes a job in {@code from}, or empty when illegal. */
  public static Optional<JobPhase> next(JobPhase from, JobEvent event) {
    return TABLE.fire(from, event, null).row().map(Row::to);
  }

  /** The lifecycle as a Mermaid state diagram, for the docs. */
  public static String mermaid() {
    return TABLE.mermaid(phase -> phase.name().toLowerCase(Locale.ROOT),
        event -> event.name().toLowerCase(Locale.ROOT));
  }
}
