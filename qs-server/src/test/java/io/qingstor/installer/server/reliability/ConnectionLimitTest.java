package io.qingstor.installer.server.reliability;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** At the connection limit the server accepts no more connections until one closes. */
class ConnectionLimitTest {
  private static final int LIMIT = 4;
  private static final byte[] HEALTH =
      "GET /healthz HTTP/1.1\r\nHost: qs\r\nConnection: close\r\n\r\n".getBytes(US_ASCII);

  @RegisterExtension
  static final InProcessServer server =
      InProcessServer.with((options, dir) -> options.maxConnections(LIMIT));

  @Test
  void aConnectionBeyondTheLimitIsServedOnlyOnceAnotherCloses() throws Exception {
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < LIMIT; i++) {
        Socket socket = new Socket("127.0.0.1", server.port());
        idle.add(socket);
        assertThat(answer(socket, 10_000)).startsWith("HTTP/1.1 200");
      }
      try (Socket beyond = new Socket("127.0.0.1", server.port())) {
        beyond.getOutputStream().write(HEALTH);
        beyond.setSoTimeout(1_000);

        assertThatThrownBy(() -> beyond.getInputStream().read())
            .as("answered beyond the limit").isInstanceOf(SocketTimeoutException.class);

        idle.get(0).close();
        beyond.setSoTimeout(10_000);
        assertThat(new String(beyond.getInputStream().readAllBytes(), US_ASCII))
            .startsWith("HTTP/1.1 200");
      }
    } finally {
      for (Socket socket : idle) {
        socket.close();
      }
    }
  }

  /** Sends a health check on a kept-alive connection and returns the status line. */
  private static String answer(Socket socket, int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    socket.getOutputStream().write(
        "GET /healthz HTTP/1.1\r\nHost: qs\r\n\r\n".getBytes(US_ASCII));
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }
}
