package io.qingstor.installer.server.metrics;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.server.http.RequestFacts;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;

/**
 * Observes every request to the API chain when its exchange completes: latency by action and
 * ret_code, 5100 rejections and authentication failures by reason. Wraps the chain from outside,
 * so the chain itself is unchanged.
 */
public final class RequestMetricsHandler implements HttpHandler {
  private final ServerMetrics metrics;
  private final HttpHandler next;

  /** Observes the requests {@code next} serves. */
  public RequestMetricsHandler(ServerMetrics metrics, HttpHandler next) {
    this.metrics = requireNonNull(metrics, "metrics");
    this.next = requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    long start = System.nanoTime();
    exchange.addExchangeCompleteListener((done, nextListener) -> {
      try {
        record(done, Duration.ofNanos(System.nanoTime() - start));
      } finally {
        nextListener.proceed();
      }
    });
    next.handleRequest(exchange);
  }

  private void record(HttpServerExchange exchange, Duration latency) {
    RequestFacts.of(exchange).ifPresent(facts -> {
      String retCode = facts.retCode() < 0 ? "none" : String.valueOf(facts.retCode());
      metrics.request(facts.action() == null ? "none" : facts.action().wireName(), retCode,
          latency);
      if (facts.retCode() == RetCode.SERVER_BUSY.code()) {
        metrics.rejected();
      }
      if (facts.authFailure() != null) {
        metrics.authFailure(facts.authFailure().toLowerCase(java.util.Locale.ROOT));
      }
    });
  }
}
