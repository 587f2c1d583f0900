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

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The job lifecycle as one table. Final phases have no way out. */
public final class JobTransitions {
  /** One row: in {@code from}, {@code event} moves the job to {@code to}. */
  public record Transition(JobPhase from, JobEvent event, JobPhase to) {}

  private static final List<Transition> TABLE = List.of(
      new Transition(PENDING, STEP_STARTED, RUNNING),
      new Transition(PENDING, ALL_STEPS_DONE, SUCCESSFUL),
      new Transition(PENDING, STEP_FAILED, FAILED), // e.g. its record cannot be saved
      new Transition(PENDING, CANCELLED, FAILED),
      new Transition(PENDING, INTERRUPTED_BY_RESTART, FAILED),
      new Transition(RUNNING, STEP_STARTED, RUNNING),
      new Transition(RUNNING, ALL_STEPS_DONE, SUCCESSFUL),
      new Transition(RUNNING, STEP_FAILED, FAILED),
      new Transition(RUNNING, CANCELLED, FAILED),
      new Transition(RUNNING, INTERRUPTED_BY_RESTART, FAILED));

  private static final Map<JobPhase, Map<JobEvent, JobPhase>> INDEX = index();

  private JobTransitions() {}

  /** Every allowed transition, in table order (for documentation and tests). */
  public static List<Transition> table() {
    return TABLE;
  }

  /** Where {@code event} takes a job in {@code from}, or empty when illegal. */
  public static Optional<JobPhase> next(JobPhase from, JobEvent event) {
    return Optional.ofNullable(INDEX.get(from).get(event));
  }

  private static Map<JobPhase, Map<JobEvent, JobPhase>> index() {
    Map<JobPhase, Map<JobEvent, JobPhase>> index = new EnumMap<>(JobPhase.class);
    for (JobPhase phase : JobPhase.values()) {
      index.put(phase, new EnumMap<>(JobEvent.class));
    }
    for (Transition t : TABLE) {
      if (t.from().isFinal()) {
        throw new IllegalStateException("a final phase cannot move: " + t);
      }
      if (index.get(t.from()).put(t.event(), t.to()) != null) {
        throw new IllegalStateException("duplicate transition " + t);
      }
    }
    return index;
  }
}
