package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;

/** {@code DeleteUser}: removes a user; the last admin cannot be removed. */
public record DeleteUserRequest(String userId) implements ApiRequest {}
