package io.qingstor.installer.core.job;

import io.qingstor.installer.api.JobFamily;
import io.qingstor.installer.api.JobKind;
import io.qingstor.installer.core.platform.PlatformEvent;
import java.util.Optional;

/**
 * The kinds of job with what the core adds to the wire's {@link JobKind}: the platform events
 * each raises. Names, families and starting actions are the {@link JobKind}'s.
 */
public enum JobType {
  CONFIG(PlatformEvent.CONFIG_STARTED, PlatformEvent.CONFIG_SUCCEEDED, PlatformEvent.CONFIG_FAILED),
  DEPLOY(PlatformEvent.DEPLOY_STARTED, PlatformEvent.DEPLOY_SUCCEEDED, PlatformEvent.DEPLOY_FAILED),
  SCALE_ACCESS(PlatformEvent.SCALE_STARTED, PlatformEvent.SCALE_SUCCEEDED, PlatformEvent.SCALE_FAILED),
  SCALE_STORAGE(PlatformEvent.SCALE_STARTED, PlatformEvent.SCALE_SUCCEEDED, PlatformEvent.SCALE_FAILED),
  /** Takes access nodes out (RemoveQingStorAccessNodes); the platform is scaling meanwhile. */
  SCALE_IN_ACCESS(PlatformEvent.SCALE_STARTED, PlatformEvent.SCALE_SUCCEEDED,
      PlatformEvent.SCALE_FAILED),
  /** Drains and takes storage nodes out (RemoveQingStorStorageNodes). */
  SCALE_IN_STORAGE(PlatformEvent.SCALE_STARTED, PlatformEvent.SCALE_SUCCEEDED,
      PlatformEvent.SCALE_FAILED),
  /** Runs the plan's reset steps; on success the platform is {@code new} again, nodes kept. */
  RESET(PlatformEvent.RESET_STARTED, PlatformEvent.RESET_SUCCEEDED, PlatformEvent.RESET_FAILED),
  /** Gathers hardware facts; does not change the platform and runs beside platform jobs. */
  COLLECT_NODES(null, null, null);

  private final PlatformEvent started;
  private final PlatformEvent succeeded;
  private final PlatformEvent failed;

  JobType(PlatformEvent started, PlatformEvent succeeded, PlatformEvent failed) {
    this.started = started;
    this.succeeded = succeeded;
    this.failed = failed;
  }

  /** The wire vocabulary's kind of this type. */
  public JobKind kind() {
    return JobKind.valueOf(name());
  }

  /** The wire name: {@code scale_access}. */
  public String wireName() {
    return kind().wireName();
  }

  /** The type with this wire name; empty for an unknown one. */
  public static Optional<JobType> fromWireName(String wire) {
    return JobKind.fromWireName(wire).map(kind -> valueOf(kind.name()));
  }

  /** Parses a wire name; throws IllegalArgumentException for an unknown one. */
  public static JobType fromWire(String wire) {
    return fromWireName(wire).orElseThrow(() -> new IllegalArgumentException(
        "unknown job type '" + wire + "'; expected " + JobKind.wireNames()));
  }

  /** True for jobs that change the platform (at most one runs at a time). */
  public boolean platformChanging() {
    return started != null;
  }

  /** True for the jobs that bring nodes into a running platform. */
  public boolean scales() {
    return this == SCALE_ACCESS || this == SCALE_STORAGE;
  }

  /**
   * True for the jobs that take nodes out of a running platform; their {@code newNodes} are the
   * nodes removed (the {@code removed} plan target).
   */
  public boolean scalesIn() {
    return this == SCALE_IN_ACCESS || this == SCALE_IN_STORAGE;
  }

  /** Which status and log actions answer for it; scale and reset jobs belong to the deploy family. */
  public JobFamily family() {
    return kind().family();
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
