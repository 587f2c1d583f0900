package io.qingstor.installer.api.model;

import io.qingstor.installer.api.PlatformChanging;

/**
 * {@code DeployQingStor}: deploys the configured platform. After a failed deploy it resumes at the
 * failed step; {@code from_step} (a step index) forces the restart point.
 */
public record DeployQingStorRequest(Integer fromStep, String clientToken)
    implements PlatformChanging {
  @Override
  public DeployQingStorRequest withClientToken(String token) {
    return new DeployQingStorRequest(fromStep, token);
  }
}
