package io.qingstor.installer.client.internal;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiRequest;
import io.qingstor.installer.api.PlatformChanging;
import io.qingstor.installer.client.QsClientException;
import io.qingstor.installer.client.QsException;
import java.net.ConnectException;

/**
 * When resending a failed request is safe. The failure must be retryable (a transport failure, a
 * timeout, ServerBusy); then the request must be harmless to repeat: a read-only action, or a
 * platform-changing one carrying a {@code client_token} (the server answers a repeat with the
 * first job). A request whose connection was refused never reached the server, so it may always
 * be resent.
 */
public final class RetryRules {
  private RetryRules() {}

  /** Whether {@code failure} of {@code request} may be answered by sending it again. */
  public static boolean mayRetry(Action action, ApiRequest request, QsException failure) {
    if (!failure.retryable()) {
      return false;
    }
    return neverSent(failure) || action.readOnly() || carriesClientToken(request);
  }

  private static boolean neverSent(QsException failure) {
    return failure instanceof QsClientException && failure.getCause() instanceof ConnectException;
  }

  private static boolean carriesClientToken(ApiRequest request) {
    return request instanceof PlatformChanging && ((PlatformChanging) request).clientToken() != null;
  }
}
