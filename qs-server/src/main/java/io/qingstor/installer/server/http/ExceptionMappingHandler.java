package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.server.FatalErrors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers whatever a handler throws with the JSON error the {@link ErrorMapper} chooses. One
 * instance guards both sides of the hop to a worker thread (see {@link HttpChain}), so a failure
 * is mapped the same way on the I/O thread (5100 when busy) and on a worker (everything else).
 */
final class ExceptionMappingHandler {
  private static final Logger log = LoggerFactory.getLogger(ExceptionMappingHandler.class);

  private final ErrorMapper mapper;
  private final JsonResponses responses;

  ExceptionMappingHandler(ErrorMapper mapper, JsonResponses responses) {
    this.mapper = requireNonNull(mapper, "mapper");
    this.responses = requireNonNull(responses, "responses");
  }

  /** Returns {@code next} guarded by this mapping. */
  HttpHandler around(HttpHandler next) {
    requireNonNull(next, "next");
    return exchange -> {
      try {
        next.handleRequest(exchange);
      } catch (Throwable t) { // every failure must become a JSON answer, errors included
        answer(exchange, t);
      }
    };
  }

  /** Answers {@code t} on {@code exchange}; for failures outside a handler call (callbacks). */
  void answer(HttpServerExchange exchange, Throwable t) {
    FatalErrors.haltIfFatal(t);
    RequestContext context = RequestContext.of(exchange);
    QsApiException failure = mapper.map(t, context);
    if (exchange.isResponseStarted()) {
      // Too late for a JSON answer: the client sees a cut response, the log says why.
      log.warn("request_id={} failed after its response started: {}", context.requestId(),
          failure.getMessage());
      exchange.setPersistent(false);
      exchange.endExchange();
      return;
    }
    // An oversize body's rest is drained after the answer, up to Undertow's MAX_ENTITY_SIZE:
    // closing on unread input would reset the connection, losing the 413 on the way.
    responses.failure(exchange, failure);
  }

  /**
   * Answers {@code t} and closes the connection once the answer is written, leaving the rest of
   * the request body unread (it is not drained, as {@link #answer} lets Undertow do).
   */
  void answerAndClose(HttpServerExchange exchange, Throwable t) {
    exchange.setPersistent(false);
    responses.failureThenClose(exchange, mapper.map(t, RequestContext.of(exchange)));
  }
}
