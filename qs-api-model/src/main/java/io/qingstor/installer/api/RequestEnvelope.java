package io.qingstor.installer.api;

import static java.util.Objects.requireNonNull;

/** A decoded request: which action, who sent it, and its typed parameters. */
public record RequestEnvelope(Action action, Credentials credentials, ApiRequest request) {
  public RequestEnvelope {
    requireNonNull(action, "action");
    requireNonNull(request, "request");
    if (!action.requestType().isInstance(request)) {
      throw new IllegalArgumentException(
          action.wireName() + " takes " + action.requestType().getSimpleName());
    }
  }
}
