package io.qingstor.installer.api.model;

import io.qingstor.installer.api.PlatformChanging;

/**
 * {@code ResetQingStor} (added, admin only): runs the plan's {@code reset} job (stop services,
 * remove what the plan installed), then the platform returns to {@code new} with its nodes
 * kept. {@code confirm} must be the platform's {@code console_id}, as DescribeQingStor shows it.
 */
public record ResetQingStorRequest(String confirm, String clientToken) implements PlatformChanging {
  @Override
  public ResetQingStorRequest withClientToken(String token) {
    return new ResetQingStorRequest(confirm, token);
  }
}
