package io.qingstor.installer.server;

import static io.qingstor.installer.server.testing.InProcessServer.ADMIN;
import static io.qingstor.installer.server.testing.InProcessServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.testing.InProcessServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DescribeAccessKeys: the plan's S3 credentials with their generated secret and one endpoint per
 * access VIP, for admins only, and the one answer whose secret the server never logs.
 */
class AccessKeysActionTest {
  /** The local plan of {@link Configs#localPlan} with a secret and an access key. */
  private static final String KEYS = "secrets:\n  - name: s3_secret_key\n    length: 40\n"
      + "vars:\n  s3_port: \"8080\"\n"
      + "access_keys:\n  - access_key_id: \"qingstor:admin\"\n    secret: s3_secret_key\n"
      + "    port_var: s3_port\n";

  @TempDir Path dir;

  @Test
  void beforeAnyJobThereIsNoKeyYet() throws Exception {
    try (QsServer server = start()) {
      Reply reply = admin(new ApiClient(server.url()), "DescribeAccessKeys");

      assertThat(reply.retCode()).as(reply.body()).isZero();
      assertThat(reply.json().path("access_keys")).isEmpty();
    }
  }

  @Test
  void afterAConfigTheAdminGetsTheKeyItsSecretAndAnEndpointPerVip() throws Exception {
    try (QsServer server = start()) {
      ApiClient api = configured(server);

      JsonNode key = admin(api, "DescribeAccessKeys").json().path("access_keys").get(0);

      assertThat(key.path("access_key_id").asText()).isEqualTo("qingstor:admin");
      assertThat(key.path("secret_access_key").asText()).matches("[A-Za-z0-9]{40}");
      assertThat(key.path("endpoints")).extracting(JsonNode::asText).containsExactly(
          "http://127.0.100.11:8080", "http://127.0.100.12:8080", "http://127.0.100.13:8080");
    }
  }

  @Test
  void describeQingStorShowsTheEndpointsToAnyRoleButNoSecret() throws Exception {
    try (QsServer server = start()) {
      ApiClient api = configured(server);
      String secret = admin(api, "DescribeAccessKeys").json().path("access_keys").get(0)
          .path("secret_access_key").asText();

      Reply described = admin(api, "DescribeQingStor");

      assertThat(described.json().path("qingstor").path("platform_info").path("endpoints"))
          .extracting(JsonNode::asText).containsExactly("http://127.0.100.11:8080",
              "http://127.0.100.12:8080", "http://127.0.100.13:8080");
      assertThat(described.body()).doesNotContain(secret);
    }
  }

  @Test
  void operatorsAndViewersAreRefused() throws Exception {
    try (QsServer server = start()) {
      ApiClient api = configured(server);
      for (String role : new String[] {"operator", "viewer"}) {
        String user = role + "-user";
        assertThat(admin(api, "CreateUser", Map.of("user_id", user, "password",
            PasswordHashes.sha256Hex(user + "-pw"), "role", role)).retCode()).isZero();

        Reply refused = api.call(user, user + "-pw", "DescribeAccessKeys", Map.of());

        assertThat(refused.retCode()).as(role).isEqualTo(1400);
        assertThat(refused.body()).doesNotContain("secret_access_key");
      }
    }
  }

  @Test
  void theSecretReachesNoLogLine() throws Exception {
    String secret;
    String log;
    try (LogCapture capture = new LogCapture(); QsServer server = start()) {
      ApiClient api = configured(server);
      secret = admin(api, "DescribeAccessKeys").json().path("access_keys").get(0)
          .path("secret_access_key").asText();
      // The request line is written after the answer is sent: wait for it, then read the log.
      await().atMost(Duration.ofSeconds(10))
          .until(() -> capture.text().contains("action=\"DescribeAccessKeys\""));
      log = capture.text();
    }

    assertThat(log).contains("DescribeAccessKeys").doesNotContain(secret);
  }

  private QsServer start() throws Exception {
    Path plan = Configs.localPlan(dir);
    Files.writeString(plan, Files.readString(plan).replace("jobs:\n", KEYS + "jobs:\n"));
    return QsServer.start(InProcessServer.options(dir.resolve("data")).planFile(plan).build());
  }

  private static ApiClient configured(QsServer server) {
    ApiClient api = new ApiClient(server.url());
    String job = admin(api, "ConfigQingStor", Configs.validConfig()).json().path("job_id").asText();
    await().atMost(Duration.ofSeconds(60)).until(() -> admin(api, "GetConfigQingStorStatus",
        Map.of("job_id", job)).json().path("status").asText().equals("successful"));
    return api;
  }

  private static Reply admin(ApiClient api, String action) {
    return admin(api, action, Map.of());
  }

  private static Reply admin(ApiClient api, String action, Map<String, ?> params) {
    return api.call(ADMIN, ADMIN_PASSWORD, action, params);
  }
}
