package io.qingstor.installer.api.model;

import io.qingstor.installer.api.PlatformChanging;

/**
 * {@code DeployQingStor}: deploys the configured platform. After a failed deploy it resumes at the
 * failed step; {@code from_step} (a step index) forces the restart point. Additive: {@code
 * plan_token}, from a ConfigQingStor dry run, refuses the deploy when the config, the plan or the
 * node inventory changed since.
 */
public record DeployQingStorRequest(Integer fromStep, String clientToken, String planToken)
    implements PlatformChanging {
  /** A deploy bound to no dry run. */
  public DeployQingStorRequest(Integer fromStep, String clientToken) {
    this(fromStep, clientToken, null);
  }

  @Override
  public DeployQingStorRequest withClientToken(String token) {
    return new DeployQingStorRequest(fromStep, token, planToken);
  }
}
