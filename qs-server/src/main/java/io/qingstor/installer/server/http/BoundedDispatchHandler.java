package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves a request whose body has arrived from the I/O thread to the bounded request pool, where
 * it may block (hash a password, wait for the store). Admission goes through the {@link
 * RequestGate}: a full gate answers 5100 ServerBusy at once, on the I/O thread, without queueing;
 * a closed one answers 5100 "shutting down".
 *
 * <p>An admitted request holds its place in the gate until both its handler has returned and its
 * exchange has completed (the response written, or the connection lost), so a client that does
 * not read its response still counts, and a stop still waits for it. The response itself is
 * written from the I/O thread ({@link JsonResponses}): written from the worker, the exchange
 * completed there, and Undertow's I/O thread spins while another thread completes an exchange of
 * its connection, which with 16 workers on 2 cores cost more CPU than the request itself.
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
    Runnable release = releaseAfterBoth(gate);
    exchange.addExchangeCompleteListener((done, nextListener) -> {
      try {
        release.run();
      } finally {
        nextListener.proceed();
      }
    });
    exchange.dispatch(pool, worker -> {
      try {
        next.handleRequest(worker);
      } finally {
        release.run();
      }
    });
  }

  /** Returns an action that exits {@code gate} the second time it runs. */
  private static Runnable releaseAfterBoth(RequestGate gate) {
    AtomicInteger pending = new AtomicInteger(2);
    return () -> {
      if (pending.decrementAndGet() == 0) {
        gate.exit();
      }
    };
  }
}
