package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.ErrorEnvelope;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost handler: bounds the connections one client address holds open, so that one
 * address cannot take every place of the server's connection limit and keep other clients
 * waiting in the listen backlog. A connection is counted from its first request to its close; the
 * request of a connection beyond the limit is answered 5100 with a body made once, and the
 * connection closed, before anything else runs (no request id, access log line, body or JSON
 * work); the server's log says once a minute per address that it refuses. Counting starts at the
 * first request, so a connection that never sends one is left to the parse timeout.
 */
final class AddressConnectionLimit implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AddressConnectionLimit.class);
  private static final AttachmentKey<String> COUNTED = AttachmentKey.create(String.class);
  private static final Duration WARN_EVERY = Duration.ofMinutes(1);

  private final int limit;
  private final Clock clock;
  private final HttpHandler next;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();
  private final Map<String, Instant> warned = new ConcurrentHashMap<>();
  private final QsApiException refusal;
  private final byte[] body;

  AddressConnectionLimit(int limit, JsonCodec codec, Clock clock, HttpHandler next) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    this.limit = limit;
    this.clock = requireNonNull(clock, "clock");
    this.next = requireNonNull(next, "next");
    this.refusal = new QsApiException(RetCode.SERVER_BUSY, "this client address holds " + limit
        + " connections to the installer, its limit (--max-connections-per-address): close some"
        + " and retry");
    this.body = codec.encodeError(null, ErrorEnvelope.of(refusal, null));
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    ServerConnection connection = exchange.getConnection();
    if (connection.getAttachment(COUNTED) == null) {
      String address = ClientAddress.of(exchange);
      connection.putAttachment(COUNTED, address);
      int count = open.merge(address, 1, Integer::sum);
      connection.addCloseListener(closed -> {
        if (open.computeIfPresent(address, (key, n) -> n == 1 ? null : n - 1) == null) {
          warned.remove(address); // an address with no connection left keeps no entry
        }
      });
      if (count > limit) {
        refuse(exchange, address);
        return;
      }
    }
    next.handleRequest(exchange);
  }

  private void refuse(HttpServerExchange exchange, String address) {
    Instant now = clock.instant();
    Instant last = warned.get(address);
    if (last == null || !now.isBefore(last.plus(WARN_EVERY))) {
      warned.put(address, now);
      LOG.warn("client address {} holds {} connections, its limit (--max-connections-per-address):"
          + " its further connections are answered 5100 and closed", address, limit);
    }
    exchange.setPersistent(false);
    exchange.setStatusCode(refusal.httpStatus());
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JsonResponses.JSON);
    JsonResponses.sendThenClose(exchange, body);
  }
}
