package io.qingstor.installer.server;

import static io.qingstor.installer.server.testing.InProcessServer.ADMIN;
import static io.qingstor.installer.server.testing.InProcessServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.testing.InProcessServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The platform actions over HTTP, in lifecycle order, with a plan whose steps all run on the
 * firstbox: config, deploy and both scales succeed without any SSH node.
 */
@TestMethodOrder(OrderAnnotation.class)
class PlatformLifecycleTest {
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

  static Reply admin(String action, Map<String, ?> params) {
    return api.call(ADMIN, ADMIN_PASSWORD, action, params);
  }

  static JsonNode awaitFinished(String statusAction, String jobId) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
      last[0] = admin(statusAction, Map.of("job_id", jobId)).json();
      return List.of("successful", "failed").contains(last[0].path("status").asText());
    });
    return last[0];
  }

  @Test
  @Order(1)
  void describeQingStorShowsANewPlatform() {
    Reply reply = admin("DescribeQingStor", Map.of());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("action").asText()).isEqualTo("DescribeQingStorResponse");
    assertThat(reply.json().path("qingstor").path("status").asText()).isEqualTo("new");
  }

  @Test
  @Order(2)
  void anInvalidConfigIs1100ListingEveryErrorAndChangesNothing() {
    Map<String, Object> config = new HashMap<>(Configs.validConfig());
    @SuppressWarnings("unchecked")
    Map<String, Object> qsConf = new LinkedHashMap<>((Map<String, Object>) config.get("qs_conf"));
    qsConf.put("zone_id", "UPPER");
    qsConf.put("firstbox", "not-an-ip");
    config.put("qs_conf", qsConf);

    Reply reply = admin("ConfigQingStor", config);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.retCode()).isEqualTo(1100);
    assertThat(reply.json().path("errors").findValuesAsText("field"))
        .contains("qs_conf.zone_id", "qs_conf.firstbox");
    assertThat(admin("DescribeQingStor", Map.of()).json().path("qingstor").path("status").asText())
        .isEqualTo("new");
  }

  @Test
  @Order(3)
  void configQingStorStartsAJobThatConfiguresThePlatform() {
    Reply reply = admin("ConfigQingStor", Configs.validConfig());
    assertThat(reply.retCode()).as(reply.body()).isZero();
    configJob = reply.json().path("job_id").asText();

    JsonNode status = awaitFinished("GetConfigQingStorStatus", configJob);

    assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("successful");
    assertThat(status.path("pre_status").asText()).isEqualTo("step1");
    assertThat(admin("DescribeQingStor", Map.of()).json().path("qingstor").path("status").asText())
        .isEqualTo("configured");
  }

  @Test
  @Order(4)
  void getConfigQingStorLogReturnsEachStepsLines() {
    Reply reply = admin("GetConfigQingStorLog", Map.of("job_id", configJob));

    assertThat(reply.retCode()).as(reply.body()).isZero();
    JsonNode step0 = reply.json().path("log").path("step0");
    assertThat(step0.path("status").asText()).isEqualTo("successful");
    assertThat(step0.path("lines").toString()).contains("check done");
  }

  @Test
  @Order(5)
  void deployQingStorDeploysTheConfiguredPlatform() {
    Reply reply = admin("DeployQingStor", Map.of());
    assertThat(reply.retCode()).as(reply.body()).isZero();
    deployJob = reply.json().path("job_id").asText();

    JsonNode status = awaitFinished("GetDeployQingStorStatus", deployJob);

    assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("successful");
    assertThat(admin("DescribeQingStor", Map.of()).json().path("qingstor").path("status").asText())
        .isEqualTo("running");
  }

  @Test
  @Order(6)
  void aDeployedPlatformIsDescribedWithExactlyTheSeedsFields() {
    JsonNode qingstor = admin("DescribeQingStor", Map.of()).json().path("qingstor");

    List<String> keys = new ArrayList<>();
    qingstor.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyInAnyOrder("console_id", "create_time", "domain", "hosts",
        "installer_version", "is_activated", "is_deployed", "platform_info", "platform_name",
        "pre_status", "qingstor_version", "status", "update_time");
    assertThat(qingstor.path("is_deployed").isInt()).isTrue();
    assertThat(qingstor.path("is_deployed").intValue()).isEqualTo(1);
    assertThat(qingstor.path("pre_status").asText()).isEqualTo("deploying");
    assertThat(qingstor.path("create_time").asText())
        .matches("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}");
  }

  @Test
  @Order(6)
  void getDeployQingStorLogReturnsTheDeployStep() {
    Reply reply = admin("GetDeployQingStorLog", Map.of("job_id", deployJob, "job_status", "step0"));

    assertThat(reply.retCode()).as(reply.body()).isZero();
    assertThat(reply.json().path("log").path("step0").path("lines").toString())
        .contains("deploy done");
  }

  @Test
  @Order(7)
  void configQingStorOnARunningPlatformIsPermissionDenied() {
    Reply reply = admin("ConfigQingStor", Configs.validConfig());

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.retCode()).isEqualTo(1400);
  }

  @Test
  @Order(8)
  void scaleQingStorAccessAddsAnAccessNode() {
    Reply reply = admin("ScaleQingStorAccess",
        Map.of("node_ids", List.of(Map.of("node_id", "127.0.0.17", "vip", "127.0.100.17"))));
    assertThat(reply.retCode()).as(reply.body()).isZero();

    JsonNode status = awaitFinished("GetDeployQingStorStatus", reply.json().path("job_id").asText());

    assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("successful");
    assertThat(status.path("job_type").asText()).isEqualTo("scale_access");
  }

  @Test
  @Order(9)
  void scaleQingStorStorageAddsAStorageCluster() {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("cluster_id", 1);
    cluster.put("volume", "vol1");
    cluster.put("vol_type", "replicate");
    cluster.put("replica", 3);
    cluster.put("storage_class", "standard");
    cluster.put("brick_count", 1);
    cluster.put("block", "sdb");
    cluster.put("nodes", List.of("127.0.0.18", "127.0.0.19", "127.0.0.20"));

    Reply reply = admin("ScaleQingStorStorage", Map.of("storage_nodes", List.of(cluster)));
    assertThat(reply.retCode()).as(reply.body()).isZero();

    JsonNode status = awaitFinished("GetDeployQingStorStatus", reply.json().path("job_id").asText());
    assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("successful");
    assertThat(admin("DescribeQingStor", Map.of()).json().path("qingstor").path("hosts").size())
        .isEqualTo(10);
  }

  @Test
  @Order(10)
  void describeJobsListsEveryJobNewestFirst() {
    Reply reply = admin("DescribeJobs", Map.of());

    assertThat(reply.retCode()).as(reply.body()).isZero();
    assertThat(reply.json().path("jobs").findValuesAsText("job_type"))
        .containsExactly("scale_storage", "scale_access", "deploy", "config");
  }

  @Test
  @Order(11)
  void anUnknownJobIsResourceNotFound() {
    Reply reply = admin("GetConfigQingStorStatus", Map.of("job_id", "j-doesnotexist"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.retCode()).isEqualTo(2100);
  }
}
