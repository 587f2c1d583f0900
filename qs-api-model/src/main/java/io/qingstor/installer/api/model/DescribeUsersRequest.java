package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;
import java.util.List;

/** {@code DescribeUsers}: the given users, or all of them. */
public record DescribeUsersRequest(List<String> userIds) implements ApiRequest {
  public DescribeUsersRequest {
    userIds = userIds == null ? null : List.copyOf(userIds);
  }
}
