package io.qingstor.installer.core.job;

import java.util.Locale;

/** Where one node stands in one step of a job. */
public enum NodeState {
  PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED;

  /** The lowercase name the protocol shows. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True once the node will not run this step again in this job. */
  public boolean done() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED;
  }
}
