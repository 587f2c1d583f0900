package io.qingstor.installer.server;

import static io.qingstor.installer.server.testing.InProcessServer.ADMIN;
import static io.qingstor.installer.server.testing.InProcessServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.http.BatchingStderrAppender;
import io.qingstor.installer.server.testing.InProcessServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** One access-log line per request, with the fields an operator greps for and no secret. */
class AccessLogTest {
  @RegisterExtension static final InProcessServer server = InProcessServer.withDefaults();
  static ApiClient api;
  private LogCapture logs;

  @BeforeAll
  static void connect() {
    api = new ApiClient(server.url());
  }

  @BeforeEach
  void capture() {
    logs = new LogCapture();
  }

  @AfterEach
  void release() {
    logs.close();
  }

  /** The request's line; it is written when the exchange completes, after the client has read. */
  private String lineOf(Reply reply) {
    String id = reply.raw().headers().firstValue("X-Request-Id").orElseThrow();
    String needle = "request_id=\"" + id + "\"";
    await().atMost(Duration.ofSeconds(10)).until(() -> logs.text().contains(needle));
    return logs.text().lines().filter(l -> l.contains(needle)).reduce((a, b) -> a + "\n" + b)
        .orElseThrow();
  }

  @Test
  void aSuccessfulCallLogsOneLineWithEveryField() {
    Reply reply = api.call(ADMIN, ADMIN_PASSWORD, "DescribeQingStor");

    String line = lineOf(reply);
    assertThat(line).doesNotContain("\n").startsWith("INFO io.qingstor.installer.server.request ")
        .contains("remote=\"127.0.0.1\"", "method=\"POST\"", "path=\"/\"",
            "action=\"DescribeQingStor\"", "user=\"admin\"", "ret_code=\"0\"", "status=\"200\"",
            "auth_failure=\"-\"")
        .containsPattern("latency_ms=\"[0-9]+\"");
  }

  @Test
  void aFailedLoginLogsTheUserAndWhyButNeitherPasswordNorItsHash() {
    Reply reply = api.call(ADMIN, "not-the-password", "DescribeQingStor");

    String line = lineOf(reply);
    assertThat(line).contains("user=\"admin\"", "ret_code=\"1200\"",
            "status=\"" + reply.status() + "\"")
        .doesNotContain("auth_failure=\"-\"")
        .doesNotContain("not-the-password", PasswordHashes.sha256Hex("not-the-password"));
  }

  @Test
  void aRequestWhoseFieldsDoNotDecodeIsLoggedUnderItsAction() {
    Reply reply = api.call(ADMIN, ADMIN_PASSWORD, "DescribeJobs",
        Map.of("limit", "ten"));

    assertThat(lineOf(reply)).contains("action=\"DescribeJobs\"", "ret_code=\"1100\"",
        "status=\"400\"");
  }

  @Test
  void theServersConfigurationQueuesRequestLinesWithoutDroppingAny() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger requests =
        context.getLogger("io.qingstor.installer.server.request");

    // Not passed on to the root's synchronous console appender as well: written once, queued.
    assertThat(requests.isAdditive()).isFalse();
    assertThat(requests.getAppender("ACCESS")).isInstanceOf(BatchingStderrAppender.class)
        .matches(appender -> appender.isStarted());
  }

  @Test
  void aHealthCheckIsNotLoggedAtInfo() {
    Reply health = api.send("GET", "/healthz", null);
    Reply after = api.call(ADMIN, ADMIN_PASSWORD, "DescribeQingStor");

    lineOf(after); // lines are written in order of completion; this one follows the probe's
    assertThat(logs.text()).doesNotContain(
        health.raw().headers().firstValue("X-Request-Id").orElseThrow());
  }
}
