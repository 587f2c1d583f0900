package io.qingstor.installer.server.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body in blocking mode, refusing one over the limit cheaply: a declared
 * {@code Content-Length} over it is refused before reading, and otherwise at most limit + 1 bytes
 * are ever read (Undertow's {@code MAX_ENTITY_SIZE} backs this up at the connection level).
 */
final class BodyReader {
  private final int limitBytes;

  BodyReader(long limitBytes) {
    if (limitBytes < 1 || limitBytes >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("limitBytes out of range: " + limitBytes);
    }
    this.limitBytes = (int) limitBytes;
  }

  /**
   * Returns the whole body.
   *
   * @throws BodyTooLargeException if it is longer than the limit
   * @throws IOException if the client fails to send it
   */
  byte[] read(HttpServerExchange exchange) throws IOException {
    if (exchange.getRequestContentLength() > limitBytes) {
      throw new BodyTooLargeException(limitBytes);
    }
    InputStream in = exchange.getInputStream();
    byte[] body = in.readNBytes(limitBytes + 1);
    if (body.length > limitBytes) {
      throw new BodyTooLargeException(limitBytes);
    }
    return body;
  }
}
