package io.qingstor.installer.core.job;

/** What moves a job through its lifecycle. */
public enum JobEvent {
  STEP_STARTED,
  ALL_STEPS_DONE,
  STEP_FAILED,
  CANCELLED,
  INTERRUPTED_BY_RESTART
}
