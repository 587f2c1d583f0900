package io.qingstor.installer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} scraped while a real deploy runs over SSH on three in-process nodes. */
class MetricsTest {
  private static final String TOKEN = "scrape-token-for-tests";

  @RegisterExtension final InProcessServer server = InProcessServer.with((options, dir) -> {
    Path plan = dir.resolve("held-deploy-plan.yml");
    try (InputStream in = MetricsTest.class.getResourceAsStream("held-deploy-plan.yml")) {
      Files.copy(in, plan);
    }
    return options.planFile(plan).metricsToken(TOKEN);
  });

  private final HttpClient http = HttpClient.newHttpClient();
  private SandboxFleet fleet;

  @AfterEach
  void stopNodes() {
    if (fleet != null) {
      fleet.close();
    }
  }

  private HttpResponse<String> scrape(String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "metrics"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String metrics() throws Exception {
    HttpResponse<String> response = scrape("Bearer " + TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The value of the series {@code name{labels}} (labels in exposition order), or 0 if absent. */
  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void aScrapeWithoutTheTokenIsRefused() throws Exception {
    assertThat(scrape(null).statusCode()).isEqualTo(401);
    assertThat(scrape("Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(scrape("Bearer " + TOKEN).headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
  }

  @Test
  void theSeriesMoveDuringADeploy() throws Exception {
    fleet = SandboxFleet.start(3, 237, "metrics-node-pw");
    ApiClient api = new ApiClient(server.url());
    configure(api);
    call(api, "DescribeQingStor", Map.of());
    api.call("admin", "not-the-password", "DescribeQingStor");
    String before = metrics();

    String jobId = call(api, "DeployQingStor", Map.of()).json().path("job_id").asText();
    await().atMost(Duration.ofMinutes(1)).until(() -> {
      String during = metrics();
      return value(during, "qs_jobs{status=\"running\",type=\"deploy\"}") == 1
          && value(during, "qs_ssh_sessions_open") >= 1;
    });
    for (SandboxNode node : fleet.nodes()) {
      Path state = Files.createDirectories(qsRoot(node).resolve("state"));
      Files.writeString(state.resolve("go"), "");
    }
    await().atMost(Duration.ofMinutes(1)).until(() -> "successful".equals(call(api,
        "GetDeployQingStorStatus", Map.of("job_id", jobId)).json().path("status").asText()));
    String after = metrics();

    assertThat(value(before, "qs_jobs{status=\"successful\",type=\"deploy\"}")).isZero();
    assertThat(value(after, "qs_jobs{status=\"successful\",type=\"deploy\"}")).isEqualTo(1);
    assertThat(value(after, "qs_job_steps_seconds_count{status=\"successful\",step=\"hold\","
        + "type=\"deploy\"}")).isEqualTo(1);
    assertThat(value(after, "qs_node_commands_seconds_count{executor=\"ssh\","
        + "outcome=\"succeeded\"}")).isEqualTo(3);
    assertThat(value(after, "qs_job_log_bytes_total"))
        .isGreaterThan(value(before, "qs_job_log_bytes_total"));
    assertThat(value(after, "qs_requests_seconds_count{action=\"DeployQingStor\",ret_code=\"0\"}"))
        .isEqualTo(1);
    assertThat(after).contains("qs_requests_seconds_bucket{action=\"DeployQingStor\",ret_code=\"0\",le=");
    assertThat(value(after, "qs_auth_failures_total{reason=\"wrong_password\"}")).isEqualTo(1);
    assertThat(after).contains("qs_requests_in_progress ").contains("qs_request_queue_depth ");
  }

  @SuppressWarnings("unchecked") // Configs.validConfig() holds its cluster as a map
  private void configure(ApiClient api) {
    List<Map<String, Object>> nodes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (SandboxNode node : fleet.nodes()) {
      nodes.add(Map.of("node_id", node.nodeId(), "ip", node.host(), "ssh_port", node.port(),
          "ssh_user", node.user(), "ssh_password", node.password(),
          "vars", Map.of("qs_root", qsRoot(node).toString())));
      ids.add(node.nodeId());
    }
    call(api, "AddNodes", Map.of("nodes", nodes));
    Map<String, Object> config = new LinkedHashMap<>(Configs.validConfig());
    config.put("access_nodes", Map.of("intranet", Map.of("interface", "lo", "nodes", ids,
        "vips", List.of("127.0.20.41", "127.0.20.42", "127.0.20.43"),
        "bridge_vip", "127.0.20.40")));
    Map<String, Object> cluster = new LinkedHashMap<>(
        ((List<Map<String, Object>>) Configs.validConfig().get("storage_nodes")).get(0));
    cluster.put("nodes", ids);
    config.put("storage_nodes", List.of(cluster));
    String configJob = call(api, "ConfigQingStor", config).json().path("job_id").asText();
    await().atMost(Duration.ofMinutes(1)).until(() -> "successful".equals(call(api,
        "GetConfigQingStorStatus", Map.of("job_id", configJob)).json().path("status").asText()));
  }

  private static Path qsRoot(SandboxNode node) {
    return node.root().resolve("qs");
  }

  private static ApiClient.Reply call(ApiClient api, String action, Map<String, ?> params) {
    ApiClient.Reply reply = api.call(InProcessServer.ADMIN, InProcessServer.ADMIN_PASSWORD, action,
        params);
    assertThat(reply.json().path("ret_code").asInt()).as(reply.body()).isZero();
    return reply;
  }
}
