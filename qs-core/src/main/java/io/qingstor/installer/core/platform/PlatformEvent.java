package io.qingstor.installer.core.platform;

/** What moves the platform from one status to another. */
public enum PlatformEvent {
  CONFIG_STARTED("ConfigQingStor", Kind.STARTS),
  CONFIG_SUCCEEDED("config job succeeded", Kind.SUCCEEDS),
  CONFIG_FAILED("config job failed", Kind.FAILS),
  DEPLOY_STARTED("DeployQingStor", Kind.STARTS),
  DEPLOY_SUCCEEDED("deploy job succeeded", Kind.SUCCEEDS),
  DEPLOY_FAILED("deploy job failed", Kind.FAILS),
  SCALE_STARTED("ScaleQingStorAccess/ScaleQingStorStorage/RemoveQingStor*Nodes", Kind.STARTS),
  SCALE_SUCCEEDED("scale job succeeded", Kind.SUCCEEDS),
  SCALE_FAILED("scale job failed", Kind.FAILS),
  RESET_STARTED("ResetQingStor", Kind.STARTS),
  RESET_SUCCEEDED("reset job succeeded", Kind.SUCCEEDS),
  RESET_FAILED("reset job failed", Kind.FAILS);

  /** Whether the event starts a platform job or ends one, and how. */
  public enum Kind { STARTS, SUCCEEDS, FAILS }

  private final String cause;
  private final Kind kind;

  PlatformEvent(String cause, Kind kind) {
    this.cause = cause;
    this.kind = kind;
  }

  /** The action or job outcome that raises this event, for diagrams and messages. */
  public String cause() {
    return cause;
  }

  /** Whether it starts a job, or ends one successfully or not. */
  public Kind kind() {
    return kind;
  }
}
