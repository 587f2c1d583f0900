package io.qingstor.installer.server.http;

import io.qingstor.installer.api.Action;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/**
 * What the chain learnt about a completed request, for observers outside this package (metrics):
 * its action, ret_code and why authentication failed. Holds no request content.
 *
 * @param action the action, or null when the request named none
 * @param retCode the ret_code answered, or -1 when no JSON response was sent
 * @param authFailure why authentication failed (an {@code AuthenticationException.Reason} name),
 *     or null
 */
public record RequestFacts(Action action, int retCode, String authFailure) {
  /** The facts of {@code exchange}, if the chain's outermost handler saw it. */
  public static Optional<RequestFacts> of(HttpServerExchange exchange) {
    try {
      RequestContext context = RequestContext.of(exchange);
      return Optional.of(new RequestFacts(context.action(), context.retCode(),
          context.authFailure()));
    } catch (IllegalStateException notSeen) {
      return Optional.empty();
    }
  }
}
