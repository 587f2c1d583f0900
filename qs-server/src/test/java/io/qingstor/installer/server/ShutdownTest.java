package io.qingstor.installer.server;

import static io.qingstor.installer.server.TestServers.ADMIN;
import static io.qingstor.installer.server.TestServers.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.auth.PasswordHashes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graceful stop, the bounded request queue, and a stopped job on restart. */
class ShutdownTest {
  static final String DESCRIBE = "{\"action\":\"DescribeQingStor\",\"USER_ID\":\"admin\","
      + "\"PASSWORD\":\"" + PasswordHashes.sha256Hex(ADMIN_PASSWORD) + "\"}";

  @TempDir Path dir;

  @Test
  void stopLetsAnInFlightRequestFinishWhileHealthzAnswers503() throws Exception {
    QsServer server = QsServer.start(TestServers.options(dir).build());
    ApiClient api = new ApiClient(server.url());
    try (RawRequest inFlight = new RawRequest(server.port(), DESCRIBE, 10)) {
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
    try (QsServer server = QsServer.start(TestServers.options(dir)
        .workerThreads(1).queueCapacity(0).build())) {
      ApiClient api = new ApiClient(server.url());
      try (RawRequest holder = new RawRequest(server.port(), DESCRIBE, 10)) {
        await().atMost(Duration.ofSeconds(10)).until(() -> server.activeRequests() == 1);

        Reply busy = api.post(DESCRIBE);

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.retCode()).isEqualTo(5100);
        assertThat(holder.finish()).contains("\"ret_code\":0");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> server.activeRequests() == 0);
      assertThat(api.post(DESCRIBE).retCode()).isZero();
    }
  }

  @Test
  void stopMarksTheRunningJobInterruptedAndARestartShowsIt() throws Exception {
    Path data = dir.resolve("data");
    ServerOptions options = TestServers.options(data).planFile(Configs.slowPlan(dir)).build();
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
    QsServer server = QsServer.start(TestServers.options(dir).build());
    server.stop();
    server.stop();

    org.assertj.core.api.Assertions.assertThatThrownBy(server::start)
        .isInstanceOf(IllegalStateException.class);
  }
}
