package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiResponse;
import java.util.List;

/** The answer to {@code DescribeUsers}. */
public record DescribeUsersResponse(List<UserInfo> users, Integer totalCount) implements ApiResponse {
  public DescribeUsersResponse {
    users = users == null ? List.of() : List.copyOf(users);
  }
}
