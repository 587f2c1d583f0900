package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
  @SuppressWarnings("unchecked")
  private static final AttachmentKey<AtomicReference<Runnable>> IN_FLIGHT =
      (AttachmentKey<AtomicReference<Runnable>>) (AttachmentKey<?>)
          AttachmentKey.create(AtomicReference.class);

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
    Runnable ended = once(release);
    // A client that hangs up while its response is being written may leave the exchange without
    // a completion; the connection's close then stands for it (one listener per connection:
    // Undertow cannot remove one, and a kept-alive connection serves many requests).
    AtomicReference<Runnable> inFlight = inFlightOf(exchange.getConnection());
    inFlight.set(ended);
    exchange.addExchangeCompleteListener((done, nextListener) -> {
      try {
        inFlight.compareAndSet(ended, null);
        ended.run();
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

  /** The connection's slot for its in-flight request's end, closed over by its close listener. */
  private static AtomicReference<Runnable> inFlightOf(ServerConnection connection) {
    AtomicReference<Runnable> slot = connection.getAttachment(IN_FLIGHT);
    if (slot == null) {
      AtomicReference<Runnable> created = new AtomicReference<>();
      connection.putAttachment(IN_FLIGHT, created);
      connection.addCloseListener(closed -> {
        Runnable end = created.getAndSet(null);
        if (end != null) {
          end.run();
        }
      });
      slot = created;
    }
    return slot;
  }

  /** Returns {@code action} made to run at most once. */
  private static Runnable once(Runnable action) {
    AtomicBoolean ran = new AtomicBoolean();
    return () -> {
      if (ran.compareAndSet(false, true)) {
        action.run();
      }
    };
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
