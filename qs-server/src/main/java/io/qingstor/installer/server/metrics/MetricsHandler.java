package io.qingstor.installer.server.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics}: the Prometheus text exposition; every other request goes on. With a
 * token configured, a scrape must send {@code Authorization: Bearer <token>} (compared in
 * constant time) or gets 401; without one, anyone who reaches the listener may scrape (bind it
 * to loopback or put a proxy in front).
 */
public final class MetricsHandler implements HttpHandler {
  /** The address of the metrics. */
  public static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final ServerMetrics metrics;
  private final Optional<byte[]> expectedAuthorization;
  private final HttpHandler next;

  /**
   * A handler answering {@code /metrics}.
   *
   * @param token the bearer token a scrape must present; empty for none
   */
  public MetricsHandler(ServerMetrics metrics, Optional<String> token, HttpHandler next) {
    this.metrics = requireNonNull(metrics, "metrics");
    this.expectedAuthorization = token.map(t -> ("Bearer " + t).getBytes(UTF_8));
    this.next = requireNonNull(next, "next");
  }

  /** {@code /metrics} in front of {@code chain}, whose requests are observed. */
  public static HttpHandler around(ServerMetrics metrics, Optional<String> token,
      HttpHandler chain) {
    return new MetricsHandler(metrics, token, new RequestMetricsHandler(metrics, chain));
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (!PATH.equals(exchange.getRequestPath())) {
      next.handleRequest(exchange);
      return;
    }
    if (!exchange.getRequestMethod().equals(Methods.GET)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
      answer(exchange, StatusCodes.METHOD_NOT_ALLOWED, "GET only\n");
      return;
    }
    if (!authorized(exchange)) {
      exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"");
      answer(exchange, StatusCodes.UNAUTHORIZED, "a bearer token is required\n");
      return;
    }
    if (exchange.isInIoThread()) {
      // Scraping walks every meter: not on the I/O thread.
      exchange.dispatch(this);
      return;
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
    exchange.getResponseSender().send(metrics.scrape());
  }

  private boolean authorized(HttpServerExchange exchange) {
    if (expectedAuthorization.isEmpty()) {
      return true;
    }
    String sent = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    return sent != null && MessageDigest.isEqual(sent.getBytes(UTF_8), expectedAuthorization.get());
  }

  private static void answer(HttpServerExchange exchange, int status, String text) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
    exchange.getResponseSender().send(text);
  }
}
