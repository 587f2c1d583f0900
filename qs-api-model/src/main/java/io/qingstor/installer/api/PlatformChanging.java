package io.qingstor.installer.api;

/**
 * A request that starts a platform-changing job and may carry a {@code client_token}: a repeat
 * with the same token returns the first call's job instead of starting a second one.
 */
public interface PlatformChanging extends ApiRequest {
  /** The caller's idempotency token, or null. */
  String clientToken();

  /** This request with the given token; used by the SDK to make retries safe. */
  PlatformChanging withClientToken(String clientToken);
}
