package io.qingstor.installer.client.internal;

import static java.util.Objects.requireNonNull;

/**
 * What one HTTP exchange returned, before decoding.
 *
 * @param httpStatus the HTTP status code
 * @param body the whole body
 * @param retryAfter the {@code Retry-After} header, or null
 */
public record RawResponse(int httpStatus, byte[] body, String retryAfter) {
  /** Checks the body is present (empty when the server sent none). */
  public RawResponse {
    requireNonNull(body, "body");
  }
}
