package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.server.auth.LoginThrottle;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves a request whose body has arrived from the I/O thread to the bounded request pool, where
 * it may block (hash a password, wait for the store). Admission goes through the {@link
 * RequestGate}, whose reserve is for addresses {@code prioritySource} names (those that
 * authenticated recently): a full gate answers 5100 ServerBusy at once, on the I/O thread, without queueing;
 * a closed one answers 5100 "shutting down".
 *
 * <p>Responses are sent without blocking (see {@link JsonResponses}): what the socket does not
 * take at once, the I/O thread writes later. An admitted request therefore keeps its place in the
 * gate until both its handler has returned (it no longer holds a worker) and its exchange has
 * completed (the response is written, or the connection is gone), so that a graceful stop waits
 * for responses still on their way and the gate bounds the memory they hold.
 */
final class BoundedDispatchHandler implements HttpHandler {
  private static final AttachmentKey<Place> PLACE = AttachmentKey.create(Place.class);

  private final RequestGate gate;
  private final Predicate<String> prioritySource;
  private final Executor pool;
  private final HttpHandler next;

  BoundedDispatchHandler(RequestGate gate, Predicate<String> prioritySource, Executor pool,
      HttpHandler next) {
    this.gate = requireNonNull(gate, "gate");
    this.prioritySource = requireNonNull(prioritySource, "prioritySource");
    this.pool = requireNonNull(pool, "pool");
    this.next = requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (!exchange.isInIoThread()) {
      next.handleRequest(exchange);
      return;
    }
    String source = ClientAddress.of(exchange);
    boolean priority = !source.equals(LoginThrottle.UNKNOWN_SOURCE) && prioritySource.test(source);
    switch (gate.tryEnter(priority)) {
      case ADMITTED:
        break;
      case BUSY:
        throw new QsApiException(RetCode.SERVER_BUSY,
            "too many requests in progress; retry shortly");
      default:
        throw new QsApiException(RetCode.SERVER_BUSY, "the server is shutting down");
    }
    Place place = new Place();
    exchange.putAttachment(PLACE, place);
    // Registered before the hop, on the I/O thread: the exchange cannot have completed yet.
    exchange.addExchangeCompleteListener((done, nextListener) -> {
      try {
        place.exchangeLeaves();
      } finally {
        nextListener.proceed();
      }
    });
    exchange.dispatch(pool, worker -> {
      try {
        next.handleRequest(worker);
      } finally {
        place.leave();
      }
    });
  }

  /**
   * Gives back the place of a request whose answer waits for news ({@link HeldResponses}): it
   * holds no worker and the gate counts it as held instead, so a thousand followers do not fill
   * the places of requests that need a thread.
   */
  static void leaveWhileHeld(HttpServerExchange exchange) {
    Place place = exchange.getAttachment(PLACE);
    if (place != null) {
      place.exchangeLeaves();
    }
  }

  /** One admitted request's place in the gate, held by its handler and by its exchange. */
  private final class Place {
    private final AtomicInteger holders = new AtomicInteger(2);
    private final AtomicBoolean exchangeLeft = new AtomicBoolean();

    /** The exchange's part, given back once: on completion or earlier, when held. */
    void exchangeLeaves() {
      if (exchangeLeft.compareAndSet(false, true)) {
        leave();
      }
    }

    void leave() {
      if (holders.decrementAndGet() == 0) {
        gate.exit();
      }
    }
  }
}
