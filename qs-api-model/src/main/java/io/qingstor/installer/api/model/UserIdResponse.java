package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiResponse;

/** The answer to {@code CreateUser}, {@code ModifyUserPassword} and {@code DeleteUser}. */
public record UserIdResponse(String userId) implements ApiResponse {}
