package io.qingstor.installer.api.model;

import java.util.List;

/**
 * One S3 credential of the installed object store: the access key id, its secret access key and
 * the endpoints ({@code http://<access VIP>:<port>}) that accept it. {@link #toString()} never
 * shows the secret.
 */
public record AccessKeyInfo(String accessKeyId, String secretAccessKey, List<String> endpoints) {
  public AccessKeyInfo {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  @Override
  public String toString() {
    return "AccessKeyInfo[accessKeyId=" + accessKeyId + ", secretAccessKey=******, endpoints="
        + endpoints + "]";
  }
}
