package io.qingstor.installer.server;

import static io.qingstor.installer.server.testing.InProcessServer.ADMIN;
import static io.qingstor.installer.server.testing.InProcessServer.ADMIN_PASSWORD;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful stop, the bounded request queue, and a stopped job on restart. A request is in
 * progress once its body has arrived (a slow body holds no worker) until its response is written,
 * so these tests hold a place with a request whose large response the client does not read yet.
 */
class ShutdownTest {
  static final String DESCRIBE = "{\"action\":\"DescribeQingStor\",\"USER_ID\":\"admin\","
      + "\"PASSWORD\":\"" + PasswordHashes.sha256Hex(ADMIN_PASSWORD) + "\"}";

  @TempDir Path dir;

  /**
   * A plan whose config job logs 8,000 lines of 1,000 characters: one page of that log (8 MB) is
   * more than the socket buffers between server and client can hold (the kernel here grows a
   * send buffer to 4 MiB at most), so a client that does not read it keeps its request in
   * progress.
   */
  static Path bigLogPlan(Path dir) throws Exception {
    return Files.writeString(dir.resolve("big-log-plan.yml"), "version: test-big-log\njobs:\n"
        + "  config:\n    - name: talk\n      targets: firstbox\n      timeout: 60s\n"
        + "      run: |\n        line=$(printf '%01000d' 0)\n        i=0\n"
        + "        while [ $i -lt 8000 ]; do echo \"$line\"; i=$((i + 1)); done\n");
  }

  /**
   * Runs the big-log config job and returns a request for an 8 MB page of its log, once no
   * request is in progress: a request keeps its place until its exchange has completed, a moment
   * after its client has read the answer, and the last status poll must not still hold a place
   * (the only one, in some tests) when the caller sends the request it wants to hold.
   */
  static String bigLogRequest(QsServer server) {
    ApiClient api = new ApiClient(server.url());
    Reply config = api.call(ADMIN, ADMIN_PASSWORD, "ConfigQingStor", Configs.validConfig());
    String jobId = config.json().path("job_id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> api.call(ADMIN, ADMIN_PASSWORD,
        "GetConfigQingStorStatus", Map.of("job_id", jobId)).json().path("status").asText()
        .equals("successful"));
    await().atMost(Duration.ofSeconds(10)).until(() -> server.activeRequests() == 0);
    return "{\"action\":\"GetConfigQingStorLog\",\"USER_ID\":\"admin\",\"PASSWORD\":\""
        + PasswordHashes.sha256Hex(ADMIN_PASSWORD) + "\",\"job_id\":\"" + jobId
        + "\",\"limit\":10000}";
  }

  /**
   * A complete request whose response the client does not read until {@link #finish()}: the
   * request stays in progress, the server's I/O thread waiting to write the rest of the response.
   */
  static final class UnreadResponse implements AutoCloseable {
    private final Socket socket = new Socket();

    UnreadResponse(int port, String body) throws Exception {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      socket.setSoTimeout(30_000);
      byte[] bytes = body.getBytes(UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
      out.write(bytes);
      out.flush();
    }

    /** Reads the whole response. */
    String finish() throws Exception {
      return new String(socket.getInputStream().readAllBytes(), UTF_8);
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }

  @Test
  void stopLetsAnInFlightRequestFinishWhileHealthzAnswers503() throws Exception {
    QsServer server =
        QsServer.start(InProcessServer.options(dir).planFile(bigLogPlan(dir)).build());
    ApiClient api = new ApiClient(server.url());
    try (UnreadResponse inFlight = new UnreadResponse(server.port(), bigLogRequest(server))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> server.activeRequests() == 1);

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> api.send("GET", "/healthz", null).status() == 503);
      Reply refused = api.send("GET", "/healthz", null);
      assertThat(stopping).isNotDone();

      String response = inFlight.finish();

      assertThat(response).startsWith("HTTP/1.1 200").contains("\"ret_code\":0");
      stopping.get();
      assertThat(refused.retCode()).isEqualTo(5100);
      assertThat(refused.message()).contains("shutting down");
    }
  }

  @Test
  void aFullQueueAnswersServerBusy() throws Exception {
    try (QsServer server = QsServer.start(InProcessServer.options(dir).planFile(bigLogPlan(dir))
        .workerThreads(1).queueCapacity(0).build())) {
      ApiClient api = new ApiClient(server.url());
      try (UnreadResponse holder = new UnreadResponse(server.port(), bigLogRequest(server))) {
        await().atMost(Duration.ofSeconds(10)).until(() -> server.activeRequests() == 1);

        // From an address that has not logged in: 127.0.0.1 has, and may use the gate's reserve.
        String busy = postFrom("127.0.0.9", server.port(), DESCRIBE);

        assertThat(busy).startsWith("HTTP/1.1 503").contains("\"ret_code\":5100");
        assertThat(holder.finish()).contains("\"ret_code\":0");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> server.activeRequests() == 0);
      assertThat(api.post(DESCRIBE).retCode()).isZero();
    }
  }

  @Test
  void aClientThatHangsUpBeforeReadingItsResponseFreesItsPlace() throws Exception {
    try (QsServer server = QsServer.start(InProcessServer.options(dir).planFile(bigLogPlan(dir))
        .workerThreads(1).queueCapacity(0).build())) {
      ApiClient api = new ApiClient(server.url());
      UnreadResponse holder = new UnreadResponse(server.port(), bigLogRequest(server));
      await().atMost(Duration.ofSeconds(10)).until(() -> server.activeRequests() == 1);

      holder.close();

      await().atMost(Duration.ofSeconds(10)).until(() -> server.activeRequests() == 0);
      assertThat(api.post(DESCRIBE).retCode()).isZero();
    }
  }

  @Test
  void stopMarksTheRunningJobInterruptedAndARestartShowsIt() throws Exception {
    Path data = dir.resolve("data");
    ServerOptions options = InProcessServer.options(data).planFile(Configs.slowPlan(dir)).build();
    String jobId;
    try (QsServer server = QsServer.start(options)) {
      Reply config = new ApiClient(server.url())
          .call(ADMIN, ADMIN_PASSWORD, "ConfigQingStor", Configs.validConfig());
      assertThat(config.retCode()).as(config.body()).isZero();
      jobId = config.json().path("job_id").asText();
    }

    try (QsServer restarted = QsServer.start(options)) {
      Reply status = new ApiClient(restarted.url())
          .call(ADMIN, ADMIN_PASSWORD, "GetConfigQingStorStatus", Map.of("job_id", jobId));

      assertThat(status.json().path("status").asText()).isEqualTo("failed");
      assertThat(status.json().path("error").asText()).contains("interrupted by shutdown");
    }
  }

  @Test
  void aStoppedServerCannotStartAgain() {
    QsServer server = QsServer.start(InProcessServer.options(dir).build());
    server.stop();
    server.stop();

    org.assertj.core.api.Assertions.assertThatThrownBy(server::start)
        .isInstanceOf(IllegalStateException.class);
  }

  /** POSTs {@code body} from the loopback address {@code source}; returns the raw response. */
  private static String postFrom(String source, int port, String body) throws Exception {
    byte[] json = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
        port, java.net.InetAddress.getByName(source), 0)) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: qs\r\nConnection: close\r\n"
          + "Content-Length: " + json.length + "\r\n\r\n").getBytes(
              java.nio.charset.StandardCharsets.UTF_8));
      socket.getOutputStream().write(json);
      return new String(socket.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
