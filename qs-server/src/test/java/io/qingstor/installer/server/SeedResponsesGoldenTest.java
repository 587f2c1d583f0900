package io.qingstor.installer.server;

import static io.qingstor.installer.server.testing.InProcessServer.ADMIN;
import static io.qingstor.installer.server.testing.InProcessServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each of the nine seed actions, answered by a fresh platform, matches its golden response in
 * {@code src/test/resources/golden}: every seed field is there (null when unknown, never left
 * out) and nothing else changed shape. Times, durations (elapsed_seconds too) and job ids are
 * masked: they differ on
 * every run.
 * With {@code -Dqs.golden.write=DIR} the answers are written to DIR instead, for review.
 */
@TestMethodOrder(OrderAnnotation.class)
class SeedResponsesGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
  private static final Pattern JOB_ID = Pattern.compile("j-[A-Za-z0-9]{8}");
  private static final Pattern MILLIS = Pattern.compile("\\d+ ms");
  /** Additive fields counting seconds, which differ on every run. */
  private static final Set<String> SECONDS = Set.of("elapsed_seconds", "eta_seconds");

  @RegisterExtension
  static final InProcessServer server = InProcessServer.with((options, dir) -> options
      .planFile(Configs.localPlan(dir)));
  static ApiClient api;
  static String configJob;
  static String deployJob;

  @BeforeAll
  static void connect() {
    api = new ApiClient(server.url());
  }

  @Test
  @Order(1)
  void describeQingStorOnANewPlatformSendsAllThirteenSeedFields() throws IOException {
    assertGolden("DescribeQingStor", call("DescribeQingStor", Map.of()));
  }

  @Test
  @Order(2)
  void configQingStor() throws IOException {
    JsonNode reply = call("ConfigQingStor", Configs.validConfig());
    configJob = reply.path("job_id").asText();
    awaitFinished("GetConfigQingStorStatus", configJob);

    assertGolden("ConfigQingStor", reply);
  }

  @Test
  @Order(3)
  void getConfigQingStorStatus() throws IOException {
    assertGolden("GetConfigQingStorStatus",
        call("GetConfigQingStorStatus", Map.of("job_id", configJob)));
  }

  @Test
  @Order(4)
  void getConfigQingStorLog() throws IOException {
    assertGolden("GetConfigQingStorLog", call("GetConfigQingStorLog",
        Map.of("job_id", configJob, "job_status", "step0")));
  }

  @Test
  @Order(5)
  void deployQingStor() throws IOException {
    JsonNode reply = call("DeployQingStor", Map.of());
    deployJob = reply.path("job_id").asText();
    awaitFinished("GetDeployQingStorStatus", deployJob);

    assertGolden("DeployQingStor", reply);
  }

  @Test
  @Order(6)
  void getDeployQingStorStatus() throws IOException {
    assertGolden("GetDeployQingStorStatus",
        call("GetDeployQingStorStatus", Map.of("job_id", deployJob)));
  }

  @Test
  @Order(7)
  void getDeployQingStorLog() throws IOException {
    assertGolden("GetDeployQingStorLog", call("GetDeployQingStorLog", Map.of("job_id", deployJob)));
  }

  @Test
  @Order(8)
  void scaleQingStorAccess() throws IOException {
    JsonNode reply = call("ScaleQingStorAccess",
        Map.of("node_ids", List.of(Map.of("node_id", "127.0.0.17", "vip", "127.0.100.17"))));
    awaitFinished("GetDeployQingStorStatus", reply.path("job_id").asText());

    assertGolden("ScaleQingStorAccess", reply);
  }

  @Test
  @Order(9)
  void scaleQingStorStorage() throws IOException {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("cluster_id", 1);
    cluster.put("vol_type", "replicate");
    cluster.put("replica", 3);
    cluster.put("brick_count", 1);
    cluster.put("block", "sdb");
    cluster.put("nodes", List.of("127.0.0.18", "127.0.0.19", "127.0.0.20"));
    JsonNode reply = call("ScaleQingStorStorage", Map.of("storage_nodes", List.of(cluster)));
    awaitFinished("GetDeployQingStorStatus", reply.path("job_id").asText());

    assertGolden("ScaleQingStorStorage", reply);
  }

  private static JsonNode call(String action, Map<String, ?> params) {
    Reply reply = api.call(ADMIN, ADMIN_PASSWORD, action, params);
    assertThat(reply.retCode()).as(reply.body()).isZero();
    return reply.json();
  }

  private static void awaitFinished(String statusAction, String jobId) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
        List.of("successful", "failed").contains(
            call(statusAction, Map.of("job_id", jobId)).path("status").asText()));
  }

  private static void assertGolden(String action, JsonNode reply) throws IOException {
    JsonNode masked = masked(reply);
    String write = System.getProperty("qs.golden.write");
    if (write != null) {
      Files.writeString(Path.of(write, action + ".json"),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(masked) + "\n");
      return;
    }
    try (InputStream in = SeedResponsesGoldenTest.class.getResourceAsStream(
        "/golden/" + action + ".json")) {
      assertThat(in).as("golden/%s.json", action).isNotNull();
      assertThat(masked).as(action).isEqualTo(JSON.readTree(in));
    }
  }

  /** The reply with every time, duration and job id replaced by a placeholder. */
  private static JsonNode masked(JsonNode node) {
    if (node.isTextual()) {
      String text = TIME.matcher(node.textValue()).replaceAll("<time>");
      text = MILLIS.matcher(text).replaceAll("<n> ms");
      return new TextNode(JOB_ID.matcher(text).replaceAll("<job_id>"));
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.createArrayNode();
      node.forEach(element -> copy.add(masked(element)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(field.getKey(), SECONDS.contains(field.getKey()) ? new TextNode("<seconds>")
            : masked(field.getValue()));
      }
      return copy;
    }
    return node;
  }
}
