package io.qingstor.installer.core.platform;

/** What moves the platform from one status to another. */
public enum PlatformEvent {
  CONFIG_STARTED("ConfigQingStor"),
  CONFIG_SUCCEEDED("config job succeeded"),
  CONFIG_FAILED("config job failed"),
  DEPLOY_STARTED("DeployQingStor"),
  DEPLOY_SUCCEEDED("deploy job succeeded"),
  DEPLOY_FAILED("deploy job failed"),
  SCALE_STARTED("ScaleQingStorAccess/ScaleQingStorStorage"),
  SCALE_SUCCEEDED("scale job succeeded"),
  SCALE_FAILED("scale job failed"),
  RESET_STARTED("ResetQingStor"),
  RESET_SUCCEEDED("reset job succeeded"),
  RESET_FAILED("reset job failed");

  private final String cause;

  PlatformEvent(String cause) {
    this.cause = cause;
  }

  /** The action or job outcome that raises this event, for diagrams and messages. */
  public String cause() {
    return cause;
  }
}
