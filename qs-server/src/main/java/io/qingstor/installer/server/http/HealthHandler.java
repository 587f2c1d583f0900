package io.qingstor.installer.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /healthz}, without authentication: {@code {"status":"ok"}} while the server admits
 * requests. While it shuts down the {@link RequestGate} answers instead, with HTTP 503 (5100).
 */
final class HealthHandler implements HttpHandler {
  private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(UTF_8);

  private final JsonResponses responses;

  HealthHandler(JsonResponses responses) {
    this.responses = responses;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    responses.plain(exchange, 200, OK);
  }
}
