package io.qingstor.installer.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.server.testing.InProcessServer;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Slow or silent clients are disconnected instead of holding a connection forever. */
class TimeoutsTest {
  @RegisterExtension
  static final InProcessServer server = InProcessServer.with((options, dir) -> options
      .requestParseTimeout(Duration.ofMillis(300)).idleTimeout(Duration.ofMillis(600)));

  @Test
  void aClientThatNeverFinishesItsHeadersIsDisconnected() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(UTF_8));
      socket.getOutputStream().flush();

      assertThat(RawRequest.closedByServer(socket)).isTrue();
    }
  }

  @Test
  void aConnectionThatSendsNothingIsDisconnected() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      assertThat(RawRequest.closedByServer(socket)).isTrue();
    }
  }

  @Test
  void aClientThatStallsInsideItsBodyIsDisconnectedAndFreesItsThread() throws Exception {
    try (RawRequest stalled = new RawRequest(server.port(), "{\"action\":\"DescribeQingStor\"}",
        5)) {
      assertThat(stalled.closedByServer()).isTrue();
    }
    await().atMost(Duration.ofSeconds(10))
        .until(() -> server.activeRequests() == 0);
  }

  @Test
  void aResponseStuckOnAClientThatStopsReadingTimesOutAndFreesItsPlace(@TempDir Path own)
      throws Exception {
    try (QsServer stalling = QsServer.start(InProcessServer.options(own)
        .planFile(ShutdownTest.bigLogPlan(own)).idleTimeout(Duration.ofSeconds(1)).build());
        ShutdownTest.UnreadResponse unread = new ShutdownTest.UnreadResponse(stalling.port(),
            ShutdownTest.bigLogRequest(stalling))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> stalling.activeRequests() == 1);

      await().atMost(Duration.ofSeconds(10)).until(() -> stalling.activeRequests() == 0);
    }
  }
}
