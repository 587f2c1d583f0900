package io.qingstor.installer.core.state;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.platform.PlatformStatus;
import java.time.Instant;

/**
 * The platform as persisted in {@code platform.json}.
 *
 * @param configVersion the current config's version in the config history (0: none yet)
 * @param currentJobId the platform-changing job that moved it last (running or finished)
 */
public record PlatformRecord(
    PlatformStatus status,
    PlatformStatus preStatus,
    boolean deployed,
    int configVersion,
    String currentJobId,
    Instant createTime,
    Instant updateTime) {
  public PlatformRecord {
    requireNonNull(status, "status");
  }

  /** A platform that has never been configured. */
  public static PlatformRecord initial(Instant now) {
    return new PlatformRecord(PlatformStatus.NEW, null, false, 0, null, now, now);
  }

  /** This record moved to {@code next}. */
  public PlatformRecord moveTo(PlatformStatus next, Instant now) {
    return new PlatformRecord(next, status, deployed, configVersion, currentJobId, createTime, now);
  }

  /** This record with {@code is_deployed} set; status unchanged. */
  public PlatformRecord withDeployed(boolean isDeployed) {
    return new PlatformRecord(status, preStatus, isDeployed, configVersion, currentJobId, createTime,
        updateTime);
  }

  /** This record pointing at another saved config version. */
  public PlatformRecord withConfigVersion(int version) {
    return new PlatformRecord(status, preStatus, deployed, version, currentJobId, createTime,
        updateTime);
  }

  /** This record with another current job, or none (null). */
  public PlatformRecord withCurrentJob(String jobId) {
    return new PlatformRecord(status, preStatus, deployed, configVersion, jobId, createTime,
        updateTime);
  }
}
