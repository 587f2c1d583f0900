package io.qingstor.installer.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An S3 credential of the installed store, resolved from the plan's {@code access_keys}: the
 * key id, the generated secret key, and one endpoint per access VIP of the current config.
 * {@link #toString()} never shows the secret.
 *
 * @param endpoints {@code http://<vip>:<port>} for each intranet then external VIP
 */
public record AccessKey(String accessKeyId, String secretKey, List<String> endpoints) {
  public AccessKey {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(secretKey, "secretKey");
    endpoints = List.copyOf(endpoints);
  }

  @Override
  public String toString() {
    return "AccessKey[accessKeyId=" + accessKeyId + ", secretKey=***, endpoints=" + endpoints
        + "]";
  }
}
