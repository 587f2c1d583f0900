package io.qingstor.installer.server;

import static io.qingstor.installer.server.testing.InProcessServer.ADMIN;
import static io.qingstor.installer.server.testing.InProcessServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives every secret through the server (node SSH password, ansible_ssh_pass, PASSWORD hashes)
 * and greps every response, the server log and the data directory for them.
 */
class SecretLeakTest {
  static final String NODE_PASSWORD = "node-ssh-secret-" + Long.toHexString(System.nanoTime());
  static final String USER_PLAIN = "user-plain-" + Long.toHexString(System.nanoTime());

  @TempDir Path dir;

  @Test
  void secretsReachNoResponseNoLogLineAndOnlyOwnerOnlyFiles() throws Exception {
    Path data = dir.resolve("data");
    ApiClient api;
    String log;
    try (LogCapture capture = new LogCapture();
        QsServer server = QsServer.start(InProcessServer.options(data)
            .planFile(Configs.localPlan(dir)).build())) {
      api = new ApiClient(server.url());
      exercise(api);
      log = capture.text();
    }

    List<String> secrets = List.of(NODE_PASSWORD, Configs.ANSIBLE_PASS);
    for (String secret : secrets) {
      assertThat(api.seenBodies()).noneMatch(body -> body.contains(secret));
      assertThat(log).doesNotContain(secret);
      for (Path file : filesContaining(data, secret)) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .as(file.toString()).isEqualTo("rw-------");
      }
    }
    // Sealed at rest: no state file holds a credential in clear.
    assertThat(filesContaining(data, NODE_PASSWORD)).isEmpty();
    assertThat(filesContaining(data, Configs.ANSIBLE_PASS))
        .noneMatch(file -> file.getFileName().toString().equals("nodes.json")
            || file.getParent().getFileName().toString().equals("configs"));
    assertThat(log).contains("ConfigQingStor", "AddNodes");
    for (String presented : List.of(PasswordHashes.sha256Hex(ADMIN_PASSWORD),
        PasswordHashes.sha256Hex(USER_PLAIN))) {
      assertThat(filesContaining(data, presented)).isEmpty();
      assertThat(log).doesNotContain(presented);
    }
  }

  private static void exercise(ApiClient api) {
    admin(api, "AddNodes", Map.of("nodes", List.of(Map.of("node_id", "s-1", "ip", "127.0.0.91",
        "ssh_user", "root", "ssh_password", NODE_PASSWORD))));
    admin(api, "AddNodes", Map.of("nodes", List.of(Map.of("node_id", "s-1", "ip", "127.0.0.92",
        "ssh_user", "root", "ssh_password", NODE_PASSWORD))));
    admin(api, "DescribeNodes", Map.of());
    String collect = admin(api, "CollectNodes", Map.of("node_ids", List.of("s-1")))
        .json().path("job_id").asText();
    awaitFinished(api, collect);
    Map<String, Object> invalid = new HashMap<>(Configs.validConfig());
    invalid.put("storage_nodes", "not a list");
    admin(api, "ConfigQingStor", invalid);
    String config = admin(api, "ConfigQingStor", Configs.validConfig()).json().path("job_id")
        .asText();
    awaitFinished(api, config);
    admin(api, "GetConfigQingStorLog", Map.of("job_id", config));
    admin(api, "DescribeQingStor", Map.of());
    admin(api, "DescribeJobs", Map.of());
    admin(api, "CreateUser", Map.of("user_id", "sam", "password",
        PasswordHashes.sha256Hex(USER_PLAIN), "role", "operator"));
    admin(api, "DescribeUsers", Map.of());
    api.call("sam", USER_PLAIN, "DescribeQingStor");
    api.call("sam", "wrong", "DescribeQingStor");
  }

  private static Reply admin(ApiClient api, String action, Map<String, ?> params) {
    return api.call(ADMIN, ADMIN_PASSWORD, action, params);
  }

  private static void awaitFinished(ApiClient api, String jobId) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      String status = admin(api, "DescribeJobs", Map.of("job_ids", List.of(jobId))).json()
          .path("jobs").get(0).path("status").asText();
      return status.equals("successful") || status.equals("failed");
    });
  }

  private static List<Path> filesContaining(Path root, String secret) throws IOException {
    List<Path> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        try {
          if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(secret)) {
            hits.add(file);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return hits;
  }
}
