package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiResponse;

/**
 * The answer to {@code GetSupportBundle}: {@code bundle} is the base64 of a tar.gz holding what
 * a bug report needs (versions, server options, state, job records and log tails, the server
 * log tail), with every secret replaced by {@code ***}.
 */
public record GetSupportBundleResponse(String bundle) implements ApiResponse {
  @Override
  public String toString() {
    return "GetSupportBundleResponse[bundle=" + (bundle == null ? "null"
        : bundle.length() + " base64 characters") + "]";
  }
}
