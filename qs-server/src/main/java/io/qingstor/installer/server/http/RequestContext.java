package io.qingstor.installer.server.http;

import io.qingstor.installer.api.Action;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * What the server learns about one request as it goes, for its log line: the request id, when it
 * started, the action, the user and the ret_code answered. Holds no request content. Written by
 * the thread serving the request and read when the exchange completes, hence volatile fields.
 */
final class RequestContext {
  private static final AttachmentKey<RequestContext> KEY =
      AttachmentKey.create(RequestContext.class);

  private final String requestId;
  private final long startNanos;
  private volatile Action action;
  private volatile String userId;
  private volatile String authFailure;
  private volatile int retCode = -1;

  private RequestContext(String requestId, long startNanos) {
    this.requestId = requestId;
    this.startNanos = startNanos;
  }

  /** Attaches a new context to {@code exchange} and returns it. */
  static RequestContext attach(HttpServerExchange exchange, String requestId) {
    RequestContext context = new RequestContext(requestId, System.nanoTime());
    exchange.putAttachment(KEY, context);
    return context;
  }

  /**
   * Returns the context of {@code exchange}.
   *
   * @throws IllegalStateException if none was attached (the chain is miswired)
   */
  static RequestContext of(HttpServerExchange exchange) {
    RequestContext context = exchange.getAttachment(KEY);
    if (context == null) {
      throw new IllegalStateException("no RequestContext: AccessLogHandler must be outermost");
    }
    return context;
  }

  String requestId() {
    return requestId;
  }

  long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  Action action() {
    return action;
  }

  void action(Action value) {
    this.action = value;
  }

  String userId() {
    return userId;
  }

  void userId(String value) {
    this.userId = value;
  }

  String authFailure() {
    return authFailure;
  }

  void authFailure(String reason) {
    this.authFailure = reason;
  }

  /** The ret_code answered, or -1 when no JSON response was sent. */
  int retCode() {
    return retCode;
  }

  void retCode(int value) {
    this.retCode = value;
  }
}
