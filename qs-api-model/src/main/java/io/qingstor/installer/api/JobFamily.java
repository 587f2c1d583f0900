package io.qingstor.installer.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Which status and log actions answer for a job: config jobs, the deploy family (deploy, scale
 * and reset jobs) and node jobs, which have no status action and are followed with {@code
 * DescribeJobs}; either log action reads a node job's log when given its id.
 */
public enum JobFamily {
  CONFIG(Action.GET_CONFIG_QINGSTOR_STATUS, Action.GET_CONFIG_QINGSTOR_LOG),
  DEPLOY(Action.GET_DEPLOY_QINGSTOR_STATUS, Action.GET_DEPLOY_QINGSTOR_LOG),
  /** Node jobs: no status action (DescribeJobs lists them); their log is read by job id. */
  NODES(null, Action.GET_DEPLOY_QINGSTOR_LOG);

  private final Action statusAction;
  private final Action logAction;

  JobFamily(Action statusAction, Action logAction) {
    this.statusAction = statusAction;
    this.logAction = logAction;
  }

  /** {@code GetConfigQingStorStatus} or {@code GetDeployQingStorStatus}; empty for node jobs. */
  public Optional<Action> statusAction() {
    return Optional.ofNullable(statusAction);
  }

  /** {@code GetConfigQingStorLog} or {@code GetDeployQingStorLog} (node jobs: the latter). */
  public Optional<Action> logAction() {
    return Optional.ofNullable(logAction);
  }

  /** The family in lower case, as messages name it: {@code deploy}. */
  public String noun() {
    return name().toLowerCase(Locale.ROOT);
  }
}
