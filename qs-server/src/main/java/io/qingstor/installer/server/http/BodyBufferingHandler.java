package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.StatusCodes;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Receives the whole request body on the I/O thread, without blocking, before the request is
 * admitted to the request pool, then hands the exchange on with the body attached (read it with
 * {@link #bodyOf}). A client sending its body slowly therefore holds a connection, never a worker
 * thread or a place in the {@link RequestGate}; one that has not sent all of it within the body
 * timeout is disconnected, as Undertow's parse timeout does with slow headers. A body over the
 * limit, declared or actual, fails with {@link BodyTooLargeException} (413) without being kept:
 * the buffer grows with the bytes that arrive, never to a declared length up front.
 */
final class BodyBufferingHandler implements HttpHandler {
  private static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

  private final int limitBytes;
  private final long timeoutMillis;
  private final ExceptionMappingHandler mapping;
  private final HttpHandler next;

  BodyBufferingHandler(long limitBytes, Duration timeout, ExceptionMappingHandler mapping,
      HttpHandler next) {
    if (limitBytes < 1 || limitBytes >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("limitBytes out of range: " + limitBytes);
    }
    this.limitBytes = (int) limitBytes;
    this.timeoutMillis = requireNonNull(timeout, "timeout").toMillis();
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
    if (exchange.getRequestContentLength() > limitBytes) {
      throw new BodyTooLargeException(limitBytes);
    }
    new Reception(exchange).start();
  }

  /** One body being received; its callbacks all run on the connection's I/O thread. */
  private final class Reception {
    private final HttpServerExchange exchange;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private XnioExecutor.Key deadline;
    private boolean over;

    Reception(HttpServerExchange exchange) {
      this.exchange = exchange;
    }

    void start() {
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
      if (buffer.size() + chunk.length > limitBytes) {
        e.getRequestReceiver().pause();
        finish(() -> mapping.answer(e, new BodyTooLargeException(limitBytes)));
        return;
      }
      buffer.writeBytes(chunk);
      if (last) {
        e.putAttachment(BODY, buffer.toByteArray());
        finish(() -> proceed(e));
      }
    }

    private void tooSlow() {
      if (!over) {
        over = true;
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
      if (deadline != null) {
        deadline.remove();
      }
      outcome.run();
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
