package io.qingstor.installer.server.reliability;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One client address holds at most {@code --max-connections-per-address} connections, counted
 * from their accept: one more is answered 5100 and closed before a byte of it is parsed, so one
 * address cannot take
 * every place of {@code --max-connections} (here 3) and keep the others waiting in the listen
 * backlog; the address is served again once one of its connections closes.
 */
class AddressConnectionLimitTest {
  private static final int LIMIT = 2;
  private static final String OTHER = "127.0.10.120";
  /** Each test crowds its own address: the server counts a closed connection off a bit later. */
  private static final AtomicInteger NEXT_CROWDED = new AtomicInteger(121);

  @RegisterExtension
  static final InProcessServer server =
      InProcessServer.with((options, dir) -> options.maxConnections(LIMIT + 1)
          .maxConnectionsPerAddress(LIMIT));

  private final List<Socket> sockets = new ArrayList<>();
  private final String crowded = "127.0.10." + NEXT_CROWDED.getAndIncrement();

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  @Test
  void aConnectionBeyondTheAddressLimitIsAnswered5100AndClosed() throws Exception {
    fillTheLimit();

    String refused = readAll(connect(crowded));

    assertThat(refused).startsWith("HTTP/1.1 503").contains("\"ret_code\":5100",
        "--max-connections-per-address");
  }

  @Test
  void anotherAddressIsServedWhileOneKeepsOpeningConnections() throws Exception {
    fillTheLimit();
    for (int i = 0; i < 3; i++) {
      assertThat(readAll(connect(crowded))).startsWith("HTTP/1.1 503");
    }

    assertThat(statusLine(connect(OTHER))).startsWith("HTTP/1.1 200");
  }

  @Test
  void theAddressIsServedAgainOnceOneOfItsConnectionsCloses() throws Exception {
    fillTheLimit();
    sockets.get(0).close();

    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> statusLine(connect(crowded)).startsWith("HTTP/1.1 200"));
  }

  @Test
  void aConnectionCountsFromItsAcceptEvenBeforeItSendsARequest() throws Exception {
    for (int i = 0; i < LIMIT; i++) {
      open(crowded);
    }

    // The I/O threads count accepted connections in parallel: the idle ones may be counted a
    // moment after a third. A third answered 200 is closed at once, so without the idle ones
    // counted none is ever refused.
    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          try (Socket third = connect(crowded)) {
            return statusLine(third).startsWith("HTTP/1.1 503");
          }
        });
  }

  /** Opens {@code LIMIT} kept-alive connections from the crowded address, each answered once. */
  private void fillTheLimit() throws IOException {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(statusLine(connect(crowded))).startsWith("HTTP/1.1 200");
    }
  }

  private Socket connect(String source) throws IOException {
    Socket socket = open(source);
    socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: qs\r\n\r\n".getBytes(US_ASCII));
    return socket;
  }

  /** A connection from {@code source} that has sent nothing yet. */
  private Socket open(String source) throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** The status line of the connection's answer; the connection stays open. */
  private static String statusLine(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }

  /** Everything the server sends until it closes the connection. */
  private static String readAll(Socket socket) throws IOException {
    return new String(socket.getInputStream().readAllBytes(), US_ASCII);
  }
}
