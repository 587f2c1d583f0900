package io.qingstor.installer.api;

import static java.util.Objects.requireNonNull;

/**
 * A request that named a known action but whose fields did not decode: the failure, plus the
 * action, so the answer can be that action's response ({@code DeployQingStorResponse}) rather
 * than the anonymous {@code ErrorResponse}.
 */
public final class ActionRequestException extends QsApiException {
  private static final long serialVersionUID = 1L;

  private final transient Action action;

  ActionRequestException(Action action, QsApiException failure) {
    super(failure.retCode(), failure.detail(), failure.errors(), failure.httpStatus(), null,
        failure.getCause());
    this.action = requireNonNull(action, "action");
  }

  /** The action the request named. */
  public Action action() {
    return action;
  }
}
