package io.qingstor.installer.server.http;

import io.qingstor.installer.server.auth.LoginThrottle;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;

/** The client address of a request or connection as the server keys and logs it. */
final class ClientAddress {
  private ClientAddress() {}

  /** The peer's IP address as text, or {@link LoginThrottle#UNKNOWN_SOURCE} when there is none. */
  static String of(HttpServerExchange exchange) {
    return of(exchange.getSourceAddress());
  }

  /** The IP address of {@code peer} as text, or {@link LoginThrottle#UNKNOWN_SOURCE}. */
  static String of(InetSocketAddress peer) {
    return peer == null || peer.getAddress() == null
        ? LoginThrottle.UNKNOWN_SOURCE : peer.getAddress().getHostAddress();
  }
}
