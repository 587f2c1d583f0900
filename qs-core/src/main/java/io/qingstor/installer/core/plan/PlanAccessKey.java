package io.qingstor.installer.core.plan;

import static java.util.Objects.requireNonNull;

/**
 * An S3 credential of the installed store, as DescribeAccessKeys answers it.
 *
 * @param accessKeyId the literal access key id
 * @param secret the name of a declared {@link PlanSecret} holding the secret key
 * @param portVar the plan var holding the port: endpoints are {@code http://<access VIP>:<port>}
 */
public record PlanAccessKey(String accessKeyId, String secret, String portVar) {
  public PlanAccessKey {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(secret, "secret");
    requireNonNull(portVar, "portVar");
  }
}
