package io.qingstor.installer.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The public parameters that authenticate every request: {@code USER_ID} and {@code PASSWORD},
 * the lowercase hex SHA-256 of the user's password. Upper case on the wire so they never clash
 * with a {@code user_id}/{@code password} of the User actions.
 */
public record Credentials(
    @JsonProperty("USER_ID") String userId, @JsonProperty("PASSWORD") String password) {

  @Override
  public String toString() {
    return "Credentials[userId=" + userId + ", password=***]";
  }
}
