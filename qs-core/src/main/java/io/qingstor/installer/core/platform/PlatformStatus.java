package io.qingstor.installer.core.platform;

import java.util.Locale;

/** The platform's {@code status}; the machine is in docs/contract.md ("State machines"). */
public enum PlatformStatus {
  NEW,
  CONFIGURING,
  CONFIGURED,
  CONFIG_FAILED,
  DEPLOYING,
  DEPLOY_FAILED,
  RUNNING,
  SCALING,
  SCALE_FAILED,
  RESETTING,
  RESET_FAILED;

  /** The wire value: {@code config_failed}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True while a platform-changing job runs. */
  public boolean jobRunning() {
    return this == CONFIGURING || this == DEPLOYING || this == SCALING || this == RESETTING;
  }

  /** The status with this wire value. */
  public static PlatformStatus fromWire(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
