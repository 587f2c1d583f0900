package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The outermost handler: gives each request an id (also sent as {@code X-Request-Id}) and, when
 * the exchange completes, writes its one log line with structured key-values: request id,
 * client address, method, path, action, user, ret_code, HTTP status, latency. Never a body, a
 * password or a header value. Health checks log at DEBUG so probes do not flood the log.
 */
final class AccessLogHandler implements HttpHandler {
  /** The response header carrying the request id. */
  static final HttpString REQUEST_ID_HEADER = new HttpString("X-Request-Id");

  private static final Logger log = LoggerFactory.getLogger("io.qingstor.installer.server.request");

  private final SecureRandom random = new SecureRandom();
  private final HttpHandler next;

  AccessLogHandler(HttpHandler next) {
    this.next = requireNonNull(next, "next");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RequestContext context = RequestContext.attach(exchange, newRequestId());
    exchange.getResponseHeaders().put(REQUEST_ID_HEADER, context.requestId());
    exchange.addExchangeCompleteListener((done, nextListener) -> {
      try {
        logLine(done, context);
      } finally {
        nextListener.proceed();
      }
    });
    next.handleRequest(exchange);
  }

  private String newRequestId() {
    byte[] id = new byte[8];
    random.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  /** The path as one short log-safe token: a decoded path may hold control characters. */
  static String printable(String path) {
    String shortened = path.length() <= 64 ? path : path.substring(0, 64) + "...";
    // A scan, not replaceAll: it runs for every request, and compiling the regex each time
    // showed in the profile. Each code point outside printable ASCII (0x21-0x7E) becomes '?'.
    for (int i = 0; i < shortened.length(); i++) {
      if (!isPrintable(shortened.charAt(i))) {
        StringBuilder safe = new StringBuilder(shortened.length());
        shortened.codePoints().forEach(c -> safe.append(isPrintable(c) ? (char) c : '?'));
        return safe.toString();
      }
    }
    return shortened;
  }

  private static boolean isPrintable(int c) {
    return c >= 0x21 && c <= 0x7E;
  }

  private static void logLine(HttpServerExchange exchange, RequestContext context) {
    String path = exchange.getRequestPath();
    Level level = "/healthz".equals(path) ? Level.DEBUG : Level.INFO;
    log.atLevel(level)
        .addKeyValue("request_id", context.requestId())
        .addKeyValue("remote", ClientAddress.of(exchange))
        .addKeyValue("method", exchange.getRequestMethod())
        .addKeyValue("path", printable(path))
        .addKeyValue("action", context.action() == null ? "-" : context.action().wireName())
        .addKeyValue("user", context.userId() == null ? "-" : context.userId())
        .addKeyValue("ret_code", context.retCode() < 0 ? "-" : context.retCode())
        .addKeyValue("status", exchange.getStatusCode())
        .addKeyValue("latency_ms", context.elapsedMillis())
        .addKeyValue("auth_failure", context.authFailure() == null ? "-" : context.authFailure())
        .log("request");
  }
}
