package io.qingstor.installer.server.http;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.ErrorEnvelope;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.IoUtils;

/**
 * Sends the server's JSON responses: the HTTP status mirrors the ret_code, the body is the
 * codec's envelope, and the ret_code is noted for the request's log line. Works on the I/O
 * thread and on a worker thread alike.
 */
final class JsonResponses {
  static final String JSON = "application/json";

  private final JsonCodec codec;

  JsonResponses(JsonCodec codec) {
    this.codec = codec;
  }

  /** Sends a success of {@code action}. */
  void success(HttpServerExchange exchange, Action action, ApiResponse response) {
    send(exchange, 200, RetCode.OK.code(), codec.encodeResponse(action, response));
  }

  /**
   * Sends a failure, with the request id in the body when it is an internal error (the server
   * log has the details under that id).
   */
  void failure(HttpServerExchange exchange, QsApiException failure) {
    RequestContext context = RequestContext.of(exchange);
    String requestId =
        failure.retCode() == RetCode.INTERNAL_ERROR ? context.requestId() : null;
    byte[] body = codec.encodeError(context.action(), ErrorEnvelope.of(failure, requestId));
    send(exchange, failure.httpStatus(), failure.retCode().code(), body);
  }

  /** Sends a failure from the I/O thread, then closes the connection. */
  void failureThenClose(HttpServerExchange exchange, QsApiException failure) {
    RequestContext context = RequestContext.of(exchange);
    context.retCode(failure.retCode().code());
    exchange.setStatusCode(failure.httpStatus());
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    sendThenClose(exchange, codec.encodeError(context.action(), ErrorEnvelope.of(failure, null)));
  }

  /** Sends {@code body} (status and content type already set), then closes the connection. */
  static void sendThenClose(HttpServerExchange exchange, byte[] body) {
    exchange.getResponseSender().send(ByteBuffer.wrap(body), new IoCallback() {
      @Override
      public void onComplete(HttpServerExchange done, Sender sender) {
        IoUtils.safeClose(done.getConnection());
      }

      @Override
      public void onException(HttpServerExchange failed, Sender sender, IOException e) {
        IoUtils.safeClose(failed.getConnection());
      }
    });
  }

  /** Sends a JSON body that is not an action envelope (the health check). */
  void plain(HttpServerExchange exchange, int status, byte[] body) {
    send(exchange, status, -1, body);
  }

  private static void send(HttpServerExchange exchange, int status, int retCode, byte[] body) {
    RequestContext.of(exchange).retCode(retCode);
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    if (exchange.isInIoThread()) {
      exchange.getResponseSender().send(ByteBuffer.wrap(body));
    } else {
      // The I/O thread writes the response and then reads the connection's next request in one
      // wake-up; writing here would cost a second hop back to it for that read.
      exchange.dispatch(exchange.getIoThread(),
          () -> exchange.getResponseSender().send(ByteBuffer.wrap(body)));
    }
  }
}
