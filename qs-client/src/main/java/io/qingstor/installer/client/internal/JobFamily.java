package io.qingstor.installer.client.internal;

import io.qingstor.installer.api.Action;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The job families that have their own status and log actions: config jobs, and the deploy
 * family (deploy and scale jobs). Other jobs (node collection) are followed by
 * {@code DescribeJobs} and have no log action.
 */
public enum JobFamily {
  /** Config jobs. */
  CONFIG(Action.GET_CONFIG_QINGSTOR_STATUS, Action.GET_CONFIG_QINGSTOR_LOG),
  /** Deploy and scale jobs. */
  DEPLOY(Action.GET_DEPLOY_QINGSTOR_STATUS, Action.GET_DEPLOY_QINGSTOR_LOG);

  /**
   * Job type prefixes and their family, matched on the lower-cased {@code job_type}, so that
   * {@code deploy}, {@code scale_access} and {@code ScaleQingStorStorage} all land in DEPLOY.
   */
  private static final List<Map.Entry<String, JobFamily>> BY_TYPE_PREFIX = List.of(
      Map.entry("config", CONFIG),
      Map.entry("deploy", DEPLOY),
      Map.entry("scale", DEPLOY));

  private final Action statusAction;
  private final Action logAction;

  JobFamily(Action statusAction, Action logAction) {
    this.statusAction = statusAction;
    this.logAction = logAction;
  }

  /** {@code GetConfigQingStorStatus} or {@code GetDeployQingStorStatus}. */
  public Action statusAction() {
    return statusAction;
  }

  /** {@code GetConfigQingStorLog} or {@code GetDeployQingStorLog}. */
  public Action logAction() {
    return logAction;
  }

  /** The family of a {@code job_type}; empty for jobs without a log action, or an unknown type. */
  public static Optional<JobFamily> ofJobType(String jobType) {
    if (jobType == null) {
      return Optional.empty();
    }
    String type = jobType.toLowerCase(Locale.ROOT);
    return BY_TYPE_PREFIX.stream()
        .filter(entry -> type.startsWith(entry.getKey()))
        .map(Map.Entry::getValue)
        .findFirst();
  }
}
