package io.qingstor.installer.core.job;

/** The lifecycle of a job; see {@link JobTransitions}. */
public enum JobPhase {
  /** Created and persisted, its first step not started. */
  PENDING,
  /** Running one of its steps. */
  RUNNING,
  /** Every step succeeded or was skipped. Final. */
  SUCCESSFUL,
  /** A step failed, the job was cancelled or interrupted. Final. */
  FAILED;

  /** True for SUCCESSFUL and FAILED: no event moves a job out of them. */
  public boolean isFinal() {
    return this == SUCCESSFUL || this == FAILED;
  }
}
