package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.ActionRequestException;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.Credentials;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.RequestEnvelope;
import io.qingstor.installer.server.auth.Authenticator;
import io.qingstor.installer.server.auth.Principal;
import io.qingstor.installer.server.auth.UserIds;
import io.qingstor.installer.server.dispatch.AccessPolicy;
import io.qingstor.installer.server.dispatch.ActionDispatcher;
import io.qingstor.installer.server.dispatch.HeldAnswer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code POST /} on a worker thread: decode the body {@link BodyBufferingHandler} received (1100
 * naming the field), authenticate {@code USER_ID}/{@code PASSWORD} (1200; a missing one fails
 * like a wrong one), check the role (1400), dispatch, answer (a {@link HeldAnswer} through {@link
 * HeldResponses}, perhaps later). Failures are thrown for the
 * {@link ExceptionMappingHandler}.
 */
final class ApiHandler implements HttpHandler {
  private final JsonCodec codec;
  private final Authenticator authenticator;
  private final AccessPolicy policy;
  private final ActionDispatcher dispatcher;
  private final JsonResponses responses;
  private final HeldResponses heldResponses;

  ApiHandler(JsonCodec codec, Authenticator authenticator, AccessPolicy policy,
      ActionDispatcher dispatcher, JsonResponses responses, HeldResponses heldResponses) {
    this.codec = requireNonNull(codec, "codec");
    this.authenticator = requireNonNull(authenticator, "authenticator");
    this.policy = requireNonNull(policy, "policy");
    this.dispatcher = requireNonNull(dispatcher, "dispatcher");
    this.responses = requireNonNull(responses, "responses");
    this.heldResponses = requireNonNull(heldResponses, "heldResponses");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RequestContext context = RequestContext.of(exchange);
    RequestEnvelope envelope;
    try {
      envelope = codec.decodeRequest(BodyBufferingHandler.bodyOf(exchange));
    } catch (ActionRequestException e) {
      context.action(e.action()); // answered as that action's response, logged under its name
      throw e;
    }
    context.action(envelope.action());
    Credentials credentials = envelope.credentials();
    if (UserIds.isValid(credentials.userId())) {
      // Only a well-formed id reaches the log: a malformed one may be a password typed there.
      context.userId(credentials.userId());
    }
    Principal caller = authenticator.authenticate(credentials.userId(), credentials.password(),
        ClientAddress.of(exchange));
    policy.check(caller, envelope.action(), envelope.request());
    ApiResponse response = dispatcher.dispatch(envelope.action(), envelope.request(), caller);
    if (response instanceof HeldAnswer held) {
      heldResponses.send(exchange, envelope.action(), held);
      return;
    }
    responses.success(exchange, envelope.action(), response);
  }

}
