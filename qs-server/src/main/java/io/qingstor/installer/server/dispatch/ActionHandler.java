package io.qingstor.installer.server.dispatch;

import io.qingstor.installer.api.ApiRequest;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.server.auth.Principal;

/** Performs one action for an authenticated, authorised caller. */
@FunctionalInterface
public interface ActionHandler {
  /**
   * Returns the action's result.
   *
   * @throws io.qingstor.installer.api.QsApiException when the action fails with a ret_code
   */
  ApiResponse handle(ApiRequest request, Principal caller);
}
