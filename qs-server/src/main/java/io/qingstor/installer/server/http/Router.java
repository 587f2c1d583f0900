package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/**
 * Routes by method and path through one table: {@code POST /} to the API, {@code GET /healthz} to
 * the health check. Anything else is a JSON 1100 saying what the server does answer, never an
 * HTML page.
 */
final class Router implements HttpHandler {
  private final Map<String, HttpHandler> routes;

  Router(HttpHandler api, HttpHandler health) {
    this.routes = Map.of(
        key("POST", "/"), requireNonNull(api, "api"),
        key("GET", "/healthz"), requireNonNull(health, "health"));
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String method = exchange.getRequestMethod().toString();
    HttpHandler route = routes.get(key(method, exchange.getRequestPath()));
    if (route == null) {
      throw new QsApiException(RetCode.INVALID_REQUEST, "no endpoint " + method + " "
          + abbreviate(exchange.getRequestPath())
          + "; send actions as POST / with a JSON object body, or GET /healthz");
    }
    route.handleRequest(exchange);
  }

  private static String key(String method, String path) {
    return method + " " + path;
  }

  private static String abbreviate(String path) {
    return path.length() <= 64 ? path : path.substring(0, 64) + "...";
  }
}
