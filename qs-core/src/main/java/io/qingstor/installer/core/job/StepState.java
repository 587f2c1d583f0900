package io.qingstor.installer.core.job;

import java.util.Locale;

/** Where one step of a job stands. */
public enum StepState {
  PENDING, RUNNING, SUCCESSFUL, FAILED, SKIPPED;

  /** The lowercase name the protocol shows. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True once the step will not run again in this job. */
  public boolean done() {
    return this == SUCCESSFUL || this == SKIPPED || this == FAILED;
  }
}
