package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;

/** {@code ModifyUserPassword}: {@code password} is the SHA-256 hex of the new password. */
public record ModifyUserPasswordRequest(String userId, String password) implements ApiRequest {
  @Override
  public String toString() {
    return "ModifyUserPasswordRequest[userId=" + userId + ", password=***]";
  }
}
