package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.undertow.util.AttachmentKey;
import io.undertow.util.StatusCodes;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Receives the whole request body on the I/O thread, without blocking, before the request is
 * admitted to the request pool, then hands the exchange on with the body attached (read it with
 * {@link #bodyOf}). A client sending its body slowly therefore holds a connection, never a worker
 * thread or a place in the {@link RequestGate}; one that has not sent all of it within the body
 * timeout is disconnected, as Undertow's parse timeout does with slow headers. A body over the
 * limit, declared or actual, fails with {@link BodyTooLargeException} (413) without being kept.
 *
 * <p>Bodies over {@link BodyBudget#FREE_BYTES} are received only within the {@link BodyBudget}:
 * the declared length is reserved before any byte is read (a chunked body reserves as it grows),
 * and a body that does not fit is answered 5100 ServerBusy and its connection closed, never
 * buffered. The reservation ends with the reception. So the bodies held at once are bounded by
 * the budget plus the connection limit times {@link BodyBudget#FREE_BYTES}, whatever clients
 * declare and however slowly they send.
 */
final class BodyBufferingHandler implements HttpHandler {
  private static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

  private final int limitBytes;
  private final long timeoutMillis;
  private final BodyBudget budget;
  private final ExceptionMappingHandler mapping;
  private final HttpHandler next;

  BodyBufferingHandler(long limitBytes, Duration timeout, BodyBudget budget,
      ExceptionMappingHandler mapping, HttpHandler next) {
    if (limitBytes < 1 || limitBytes >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("limitBytes out of range: " + limitBytes);
    }
    this.limitBytes = (int) limitBytes;
    this.timeoutMillis = requireNonNull(timeout, "timeout").toMillis();
    this.budget = requireNonNull(budget, "budget");
    this.mapping = requireNonNull(mapping, "mapping");
    this.next = requireNonNull(next, "next");
  }

  /**
   * Returns the body received for {@code exchange}.
   *
   * @throws IllegalStateException if none was received (the chain is miswired)
   */
  static byte[] bodyOf(HttpServerExchange exchange) {
    byte[] body = exchange.getAttachment(BODY);
    if (body == null) {
      throw new IllegalStateException("no request body: BodyBufferingHandler must run first");
    }
    return body;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    long declared = exchange.getRequestContentLength();
    if (declared > limitBytes) {
      throw new BodyTooLargeException(limitBytes);
    }
    Reception reception = new Reception(exchange);
    if (declared > BodyBudget.FREE_BYTES && !reception.reserveUpTo((int) declared)) {
      refuse(exchange);
      return;
    }
    reception.start((int) Math.max(declared, 0));
  }

  /**
   * Answers 5100 and closes the connection once the answer is written: the unread body is never
   * drained, so a stalled client holds neither memory nor, for long, a connection.
   */
  private void refuse(HttpServerExchange exchange) {
    mapping.answerAndClose(exchange, new QsApiException(RetCode.SERVER_BUSY,
        "too many large request bodies are being received at once; retry shortly"));
  }

  /** One body being received; its callbacks all run on the connection's I/O thread. */
  private final class Reception {
    private final HttpServerExchange exchange;
    private byte[] buffer = new byte[0];
    private int size;
    /** Bytes reserved in the budget: capacity beyond {@link BodyBudget#FREE_BYTES}. */
    private long reserved;
    private XnioExecutor.Key deadline;
    private boolean over;

    Reception(HttpServerExchange exchange) {
      this.exchange = exchange;
    }

    /** Makes room for {@code capacity} bytes, reserving what lies beyond the free allowance. */
    boolean reserveUpTo(int capacity) {
      long needed = Math.max(0, capacity - BodyBudget.FREE_BYTES) - reserved;
      if (needed > 0) {
        if (!budget.tryReserve(needed)) {
          return false;
        }
        reserved += needed;
      }
      buffer = Arrays.copyOf(buffer, capacity);
      return true;
    }

    void start(int declared) {
      if (buffer.length == 0) {
        buffer = new byte[declared];
      }
      if (!exchange.isRequestComplete()) {
        deadline = exchange.getIoThread().executeAfter(this::tooSlow, timeoutMillis,
            TimeUnit.MILLISECONDS);
      }
      exchange.getRequestReceiver().receivePartialBytes(this::received, (e, failure) ->
          finish(() -> mapping.answer(e, failure)));
    }

    private void received(HttpServerExchange e, byte[] chunk, boolean last) {
      if (over) {
        return;
      }
      if (size + chunk.length > limitBytes) {
        e.getRequestReceiver().pause();
        finish(() -> mapping.answer(e, new BodyTooLargeException(limitBytes)));
        return;
      }
      if (size + chunk.length > buffer.length
          && !reserveUpTo(Math.min(limitBytes, Math.max(size + chunk.length, size * 2)))) {
        e.getRequestReceiver().pause();
        finish(() -> refuse(e));
        return;
      }
      System.arraycopy(chunk, 0, buffer, size, chunk.length);
      size += chunk.length;
      if (last) {
        e.putAttachment(BODY, size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
        finish(() -> proceed(e));
      }
    }

    private void tooSlow() {
      if (!over) {
        over = true;
        releaseReservation();
        // Only the request's log line sees this status: the client just loses the connection.
        exchange.setStatusCode(StatusCodes.REQUEST_TIME_OUT);
        IoUtils.safeClose(exchange.getConnection());
      }
    }

    private void finish(Runnable outcome) {
      if (over) {
        return;
      }
      over = true;
      releaseReservation();
      if (deadline != null) {
        deadline.remove();
      }
      outcome.run();
    }

    /** The body is complete or abandoned: what it holds is bounded by the gate from now on. */
    private void releaseReservation() {
      budget.release(reserved);
      reserved = 0;
    }

    private void proceed(HttpServerExchange e) {
      try {
        next.handleRequest(e);
      } catch (Throwable t) { // every failure must become a JSON answer, errors included
        mapping.answer(e, t);
      }
    }
  }
}
