package io.qingstor.installer.server.http;

import io.qingstor.installer.server.auth.LoginThrottle;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;

/** The client address of a request as the server's handlers key and log it. */
final class ClientAddress {
  private ClientAddress() {}

  /** The peer's IP address as text, or {@link LoginThrottle#UNKNOWN_SOURCE} when there is none. */
  static String of(HttpServerExchange exchange) {
    InetSocketAddress source = exchange.getSourceAddress();
    return source == null || source.getAddress() == null
        ? LoginThrottle.UNKNOWN_SOURCE : source.getAddress().getHostAddress();
  }
}
