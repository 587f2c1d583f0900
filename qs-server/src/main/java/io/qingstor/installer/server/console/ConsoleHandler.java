package io.qingstor.installer.server.console;

import static java.util.Objects.requireNonNull;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Serves the web console's static files under {@code /console/} and passes every other request
 * on. The files are read from the jar once, at construction, so a request is answered on the
 * I/O thread without blocking. Every answer carries a Content-Security-Policy allowing scripts,
 * styles and requests only from this server (no inline script, no framing). The console talks to
 * the API like any client, with the same authentication and roles.
 */
public final class ConsoleHandler implements HttpHandler {
  /** The console's address. */
  public static final String PATH = "/console/";

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self';"
      + " style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none';"
      + " form-action 'none'; frame-ancestors 'none'";

  private static final Map<HttpString, String> SECURITY_HEADERS = Map.of(
      new HttpString("Content-Security-Policy"), CONTENT_SECURITY_POLICY,
      new HttpString("X-Content-Type-Options"), "nosniff",
      new HttpString("X-Frame-Options"), "DENY",
      new HttpString("Referrer-Policy"), "no-referrer",
      Headers.CACHE_CONTROL, "no-cache");

  private final ConsoleFiles files;
  private final HttpHandler next;

  private ConsoleHandler(ConsoleFiles files, HttpHandler next) {
    this.files = requireNonNull(files, "files");
    this.next = requireNonNull(next, "next");
  }

  /** A handler answering {@code /console} and {@code /console/...}, then {@code next}. */
  public static HttpHandler around(HttpHandler next) {
    return new ConsoleHandler(ConsoleFiles.load(), next);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRequestPath();
    if (!path.equals("/console") && !path.startsWith(PATH)) {
      next.handleRequest(exchange);
      return;
    }
    SECURITY_HEADERS.forEach((name, value) -> exchange.getResponseHeaders().put(name, value));
    if (!exchange.getRequestMethod().equals(Methods.GET)
        && !exchange.getRequestMethod().equals(Methods.HEAD)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
      answer(exchange, StatusCodes.METHOD_NOT_ALLOWED, ConsoleFiles.TEXT, "GET or HEAD only\n");
      return;
    }
    if (path.equals("/console")) {
      exchange.getResponseHeaders().put(Headers.LOCATION, PATH);
      answer(exchange, StatusCodes.MOVED_PERMANENTLY, ConsoleFiles.TEXT, PATH + "\n");
      return;
    }
    String name = path.substring(PATH.length());
    ConsoleFiles.File file = files.get(name.isEmpty() ? "index.html" : name);
    if (file == null) {
      answer(exchange, StatusCodes.NOT_FOUND, ConsoleFiles.TEXT, "no console file " + name + "\n");
      return;
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, file.contentType());
    exchange.setStatusCode(StatusCodes.OK);
    exchange.getResponseSender().send(ByteBuffer.wrap(file.bytes()));
  }

  private static void answer(HttpServerExchange exchange, int status, String type, String text) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
    exchange.getResponseSender().send(text);
  }
}
