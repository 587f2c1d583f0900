package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.Executor;

/**
 * Moves a request whose body has arrived from the I/O thread to the bounded request pool, where
 * it may block (hash a password, wait for the store, write the response). Admission goes through
 * the {@link RequestGate}: a full gate answers 5100 ServerBusy at once, on the I/O thread,
 * without queueing; a closed one answers 5100 "shutting down".
 */
final class BoundedDispatchHandler implements HttpHandler {
  private final RequestGate gate;
  private final Executor pool;
  private final HttpHandler next;

  BoundedDispatchHandler(RequestGate gate, Executor pool, HttpHandler next) {
    this.gate = requireNonNull(gate, "gate");
    this.pool = requireNonNull(pool, "pool");
    this.next = requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (!exchange.isInIoThread()) {
      exchange.startBlocking();
      next.handleRequest(exchange);
      return;
    }
    switch (gate.tryEnter()) {
      case ADMITTED:
        break;
      case BUSY:
        throw new QsApiException(RetCode.SERVER_BUSY,
            "too many requests in progress; retry shortly");
      default:
        throw new QsApiException(RetCode.SERVER_BUSY, "the server is shutting down");
    }
    exchange.dispatch(pool, worker -> {
      try {
        worker.startBlocking();
        next.handleRequest(worker);
      } finally {
        gate.exit();
      }
    });
  }
}
