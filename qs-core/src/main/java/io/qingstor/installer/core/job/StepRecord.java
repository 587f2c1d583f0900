package io.qingstor.installer.core.job;

import static java.util.Objects.requireNonNull;

/** One step of a job as persisted: the plan step's name and title, and its state. */
public record StepRecord(String name, String title, StepState state) {
  public StepRecord {
    requireNonNull(name, "name");
    requireNonNull(title, "title");
    requireNonNull(state, "state");
  }

  /** This step in another state. */
  public StepRecord withState(StepState newState) {
    return new StepRecord(name, title, newState);
  }
}
