package io.qingstor.installer.server.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.ErrorEnvelope;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.ssl.SslConnection;

/**
 * Bounds the connections one client address holds open, so that one address cannot take every
 * place of the server's connection limit and keep other clients waiting in the listen backlog. It
 * sits between the acceptor and Undertow: a connection counts from its accept to its close, and
 * one beyond the limit never reaches Undertow. Over plain HTTP it is answered a 5100 written once
 * at construction, its writing side is closed, and what the client sent is read and dropped (at
 * most {@link #LINGER_BYTES}, for at most {@link #LINGER}) before the close, so the client reads
 * the answer instead of a reset; over TLS it is closed at once, since nothing can be said before a
 * handshake, and the handshake is the cost refusing saves. So a crowd from one address costs an
 * accept and a write per connection, not a parsed request. The server's log says once a minute per
 * address that it refuses.
 */
final class AddressConnectionLimit implements ChannelListener<StreamConnection> {
  /** What a refused client may send before its connection is closed anyway. */
  static final long LINGER_BYTES = 64 * 1024;
  /** How long a refused connection waits for its client to finish sending. */
  static final Duration LINGER = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(AddressConnectionLimit.class);
  private static final Duration WARN_EVERY = Duration.ofMinutes(1);

  private final int limit;
  private final Clock clock;
  private final ChannelListener<? super StreamConnection> next;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();
  private final Map<String, Instant> warned = new ConcurrentHashMap<>();
  private final ByteBuffer answer;

  AddressConnectionLimit(int limit, JsonCodec codec, Clock clock,
      ChannelListener<? super StreamConnection> next) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    this.limit = limit;
    this.clock = requireNonNull(clock, "clock");
    this.next = requireNonNull(next, "next");
    this.answer = answer(codec, new QsApiException(RetCode.SERVER_BUSY, "this client address holds "
        + limit + " connections to the installer, its limit (--max-connections-per-address):"
        + " close some and retry"));
  }

  @Override
  public void handleEvent(StreamConnection connection) {
    String address = ClientAddress.of(connection.getPeerAddress(InetSocketAddress.class));
    int count = open.merge(address, 1, Integer::sum);
    // XNIO merges close listeners: Undertow's own, set later, runs beside this one.
    connection.setCloseListener(closed -> {
      if (open.computeIfPresent(address, (key, n) -> n == 1 ? null : n - 1) == null) {
        warned.remove(address); // an address with no connection left keeps no entry
      }
    });
    if (count > limit) {
      refuse(connection, address);
      return;
    }
    next.handleEvent(connection);
  }

  private void refuse(StreamConnection connection, String address) {
    warnOncePerMinute(address);
    if (connection instanceof SslConnection) {
      IoUtils.safeClose(connection);
      return;
    }
    try {
      // A fresh socket's send buffer takes the whole answer; a partial write only shortens it.
      connection.getSinkChannel().write(answer.duplicate());
      connection.getSinkChannel().shutdownWrites();
      connection.getSinkChannel().flush();
    } catch (IOException gone) {
      IoUtils.safeClose(connection);
      return;
    }
    var source = connection.getSourceChannel();
    source.getReadSetter().set(ChannelListeners.drainListener(LINGER_BYTES,
        drained -> IoUtils.safeClose(connection), (channel, e) -> IoUtils.safeClose(connection)));
    connection.getIoThread().executeAfter(() -> IoUtils.safeClose(connection),
        LINGER.toMillis(), TimeUnit.MILLISECONDS);
    source.resumeReads();
  }

  private void warnOncePerMinute(String address) {
    Instant now = clock.instant();
    Instant last = warned.get(address);
    if (last == null || !now.isBefore(last.plus(WARN_EVERY))) {
      warned.put(address, now);
      LOG.warn("client address {} holds {} connections, its limit (--max-connections-per-address):"
          + " its further connections are answered 5100 and closed", address, limit);
    }
  }

  /** The whole HTTP/1.1 answer, written as it is to every refused connection. */
  private static ByteBuffer answer(JsonCodec codec, QsApiException refusal) {
    byte[] body = codec.encodeError(null, ErrorEnvelope.of(refusal, null));
    int status = refusal.httpStatus();
    byte[] head = ("HTTP/1.1 " + status + " " + StatusCodes.getReason(status) + "\r\n"
        + "Content-Type: " + JsonResponses.JSON + "\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(US_ASCII);
    ByteBuffer whole = ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip();
    return whole.asReadOnlyBuffer();
  }
}
