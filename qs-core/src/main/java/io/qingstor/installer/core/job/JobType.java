package io.qingstor.installer.core.job;

import io.qingstor.installer.core.platform.PlatformEvent;
import java.util.Locale;

/** The kinds of job, the platform events they raise, and the family their status actions belong to. */
public enum JobType {
  CONFIG(PlatformEvent.CONFIG_STARTED, PlatformEvent.CONFIG_SUCCEEDED, PlatformEvent.CONFIG_FAILED),
  DEPLOY(PlatformEvent.DEPLOY_STARTED, PlatformEvent.DEPLOY_SUCCEEDED, PlatformEvent.DEPLOY_FAILED),
  SCALE_ACCESS(PlatformEvent.SCALE_STARTED, PlatformEvent.SCALE_SUCCEEDED, PlatformEvent.SCALE_FAILED),
  SCALE_STORAGE(PlatformEvent.SCALE_STARTED, PlatformEvent.SCALE_SUCCEEDED, PlatformEvent.SCALE_FAILED),
  /** Runs the plan's reset steps; on success the platform is {@code new} again, nodes kept. */
  RESET(PlatformEvent.RESET_STARTED, PlatformEvent.RESET_SUCCEEDED, PlatformEvent.RESET_FAILED),
  /** Gathers hardware facts; does not change the platform and runs beside platform jobs. */
  COLLECT_NODES(null, null, null);

  /** Which status/log actions answer for a job. */
  public enum Family { CONFIG, DEPLOY, NODES }

  private final PlatformEvent started;
  private final PlatformEvent succeeded;
  private final PlatformEvent failed;

  JobType(PlatformEvent started, PlatformEvent succeeded, PlatformEvent failed) {
    this.started = started;
    this.succeeded = succeeded;
    this.failed = failed;
  }

  /** The wire name: {@code scale_access}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws IllegalArgumentException for an unknown one. */
  public static JobType fromWire(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }

  /** True for jobs that change the platform (at most one runs at a time). */
  public boolean platformChanging() {
    return started != null;
  }

  /** True for the jobs that bring nodes into a running platform. */
  public boolean scales() {
    return this == SCALE_ACCESS || this == SCALE_STORAGE;
  }

  /** Scale and reset jobs belong to the deploy family. */
  public Family family() {
    switch (this) {
      case CONFIG: return Family.CONFIG;
      case COLLECT_NODES: return Family.NODES;
      default: return Family.DEPLOY;
    }
  }

  /** The platform event a job of this type raises when it starts. */
  public PlatformEvent startedEvent() {
    return started;
  }

  /** The platform event a job of this type raises when it succeeds. */
  public PlatformEvent succeededEvent() {
    return succeeded;
  }

  /** The platform event a job of this type raises when it fails. */
  public PlatformEvent failedEvent() {
    return failed;
  }
}
