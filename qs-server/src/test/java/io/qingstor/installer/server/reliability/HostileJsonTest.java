package io.qingstor.installer.server.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.server.LogCapture;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.reliability.JsonClient.Reply;
import io.qingstor.installer.server.testing.InProcessServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile JSON reaches the codec (the body limit is raised to 32 MiB so that it is the codec's
 * limits, not the body limit, that refuse it): each payload gets a small JSON 4xx naming no
 * class and carrying no stack trace, nothing is logged as an internal error, and the server
 * answers a normal request right after. HostileInputTest covers the body limit itself (413).
 */
class HostileJsonTest {
  private static final String CREDENTIALS = "\"USER_ID\":\"" + JsonClient.ADMIN
      + "\",\"PASSWORD\":\"" + PasswordHashes.sha256Hex(JsonClient.ADMIN_PASSWORD) + "\"";

  @TempDir static Path dir;
  static Path canary;
  @RegisterExtension
  static final InProcessServer server = InProcessServer.with((options, dir) -> options
      .bodyLimitBytes(32L * 1024 * 1024));
  static JsonClient api;

  @BeforeAll
  static void connect() {
    canary = dir.resolve("created-by-a-gadget");
    api = new JsonClient(server.url());
  }

  static Stream<Arguments> payloads() {
    String gadget = "{\"command\":[\"touch\",\"" + canary + "\"]}";
    return Stream.of(
        refused("an 8 MiB string", () -> authenticated("DescribeQingStor",
            "\"x\":\"" + "a".repeat(8 * 1024 * 1024) + "\"")),
        refused("objects nested 100,000 deep", () -> authenticated("DescribeQingStor",
            "\"x\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000))),
        refused("a 10 MB action name", () -> "{\"action\":\"" + "A".repeat(10_000_000) + "\"}"),
        refused("a 10 MB key", () -> "{\"" + "k".repeat(10_000_000) + "\":1}"),
        refused("a 2,000-digit number in an ignored field", () ->
            authenticated("DescribeQingStor", "\"x\":" + "9".repeat(2_000))),
        refused("a 2,000-digit number as an integer parameter", () ->
            authenticated("DescribeJobs", "\"limit\":" + "9".repeat(2_000))),
        refused("an exponent of a billion as an integer parameter", () ->
            authenticated("DescribeJobs", "\"limit\":1e1000000000")),
        refused("trailing tokens after an empty object", () -> "{}x"),
        refused("trailing tokens after a valid request", () ->
            authenticated("DescribeQingStor", "\"x\":1") + "x"),
        refused("a second object after a valid request", () ->
            authenticated("DescribeQingStor", "\"x\":1") + "{}"),
        refused("@class at the top level", () ->
            "{\"@class\":\"java.lang.ProcessBuilder\"," + gadget.substring(1)),
        refused("a type-tagged array as the body", () ->
            "[\"java.lang.ProcessBuilder\"," + gadget + "]"),
        refused("@class inside a node spec", () -> authenticated("AddNodes",
            "\"nodes\":[{\"@class\":\"java.lang.ProcessBuilder\",\"ip\":\"127.0.0.9\"}]")),
        refused("a type-tagged array as a node spec", () -> authenticated("AddNodes",
            "\"nodes\":[[\"java.lang.ProcessBuilder\"," + gadget + "]]")),
        refused("a type-tagged array as a storage cluster", () -> authenticated("ConfigQingStor",
            "\"storage_nodes\":[[\"java.lang.ProcessBuilder\"," + gadget + "]]")),
        refused("a type-tagged array inside a string list", () -> authenticated("DescribeJobs",
            "\"job_ids\":[\"java.lang.ProcessBuilder\"," + gadget + "]")),
        refused("a type-tagged object as USER_ID", () ->
            "{\"action\":\"DescribeQingStor\",\"USER_ID\":{\"@class\":"
                + "\"java.lang.ProcessBuilder\"},\"PASSWORD\":\"x\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("payloads")
  void aHostilePayloadGetsASmallJson4xxAndTheServerStaysHealthy(String name,
      Supplier<String> payload) {
    byte[] body = payload.get().getBytes(UTF_8);
    Reply reply;
    String log;
    long started = System.nanoTime();
    try (LogCapture capture = new LogCapture()) {
      reply = api.post(body);
      log = capture.text();
    }
    System.out.printf("hostile JSON %-50s %9d bytes -> %d %d in %d ms: %s%n", name, body.length,
        reply.status(), reply.retCode(), (System.nanoTime() - started) / 1_000_000,
        reply.message());

    assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
    assertThat(reply.retCode()).isIn(1100, 1200);
    assertThat(reply.raw().headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(reply.body()).hasSizeLessThan(2048)
        .doesNotContain("\tat ", "Exception", "com.fasterxml", "io.qingstor");
    assertThat(log).doesNotContain("ERROR");
    assertThat(canary).doesNotExist();
    assertHealthy();
  }

  private static void assertHealthy() {
    assertThat(api.get("healthz").status()).isEqualTo(200);
    Reply describe = api.admin("DescribeQingStor");
    assertThat(describe.retCode()).as(describe.toString()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.activeRequests() == 0);
  }

  private static Arguments refused(String name, Supplier<String> payload) {
    return Arguments.of(name, payload);
  }

  private static String authenticated(String action, String fields) {
    return "{\"action\":\"" + action + "\"," + CREDENTIALS + "," + fields + "}";
  }

}
