package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;

/**
 * {@code CreateUser}: {@code password} is in the same form as {@code PASSWORD}, the lowercase hex
 * SHA-256 of the new user's password; {@code role} is {@code admin}, {@code operator} or
 * {@code viewer}.
 */
public record CreateUserRequest(String userId, String password, String role) implements ApiRequest {
  @Override
  public String toString() {
    return "CreateUserRequest[userId=" + userId + ", password=***, role=" + role + "]";
  }
}
