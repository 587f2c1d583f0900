package io.qingstor.installer.core.plan;

import java.util.Locale;

/** Which nodes a plan step runs on. */
public enum Targets {
  /** Every node of the platform (access and storage). */
  ALL,
  /** The access nodes. */
  ACCESS,
  /** The storage nodes. */
  STORAGE,
  /** The admin node this installer runs on, through the local executor. */
  FIRSTBOX,
  /**
   * The nodes a scale job brings in: those gaining a role (a storage node made an access node
   * counts); every platform node for a deploy.
   */
  NEW,
  /**
   * The nodes a scale-in job takes out (RemoveQingStor*Nodes), none with {@code force}; none for
   * every other job. They are no longer in the job's config: steps reach them by their node
   * record alone (no role variables).
   */
  REMOVED;

  /** The lowercase name a plan file uses. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
