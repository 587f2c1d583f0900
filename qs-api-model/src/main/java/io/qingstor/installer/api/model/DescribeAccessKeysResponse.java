package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiResponse;
import java.util.List;

/**
 * The answer to {@code DescribeAccessKeys}: the installed object store's S3 credentials. The only
 * response that carries a secret; {@link #toString()} never shows it.
 */
public record DescribeAccessKeysResponse(List<AccessKeyInfo> accessKeys) implements ApiResponse {
  public DescribeAccessKeysResponse {
    accessKeys = accessKeys == null ? List.of() : List.copyOf(accessKeys);
  }
}
