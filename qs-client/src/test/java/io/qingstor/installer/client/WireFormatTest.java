package io.qingstor.installer.client;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodeAddition;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.CreateUserRequest;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.NodeModification;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.RemoveQingStorNodesRequest;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The requests on the wire: the seed's field names and shapes, plus USER_ID and PASSWORD. */
class WireFormatTest extends WireMockTestBase {
  private static final String SDK_TOKEN = "qsc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @BeforeEach
  void answerEverythingWithAJob() {
    server.stubFor(post(urlPathEqualTo("/"))
        .willReturn(ok("{\"action\": \"AnyResponse\", \"ret_code\": 0, \"job_id\": \"j-1\"}")));
  }

  @Test
  void describeQingStorSendsOnlyTheActionAndCredentials() {
    client.describeQingStor();

    assertThat(onlyRequest("DescribeQingStor")).isEqualTo(seed("{\"action\": \"DescribeQingStor\"}"));
  }

  @Test
  void describeAccessKeysSendsOnlyTheActionAndCredentials() {
    client.describeAccessKeys();

    assertThat(onlyRequest("DescribeAccessKeys")).isEqualTo(seed("{\"action\": \"DescribeAccessKeys\"}"));
  }

  @Test
  void configQingStorSendsTheSeedExampleWithAClientToken() {
    client.configQingStor(seedConfig());

    assertThat(withoutSdkToken(onlyRequest("ConfigQingStor"))).isEqualTo(seed("""
        {
          "action": "ConfigQingStor",
          "qs_conf": {
            "firstbox": "127.0.0.1",
            "ansible_ssh_pass": "Zhu88jie",
            "with_iaas": false,
            "zone_id": "test",
            "iaas_domain": "test.com",
            "global_domain": "stor.test.com",
            "qs_network": ["192.168.10.1/24"],
            "use_cassandra": true
          },
          "access_nodes": {
            "intranet": {
              "interface": "eth0",
              "nodes": ["node_test1", "node_test2", "node_test3"],
              "vips": ["172.17.0.13", "172.17.0.14", "172.17.0.15"],
              "bridge_vip": "172.17.0.100"
            }
          },
          "storage_nodes": [{
            "cluster_id": 0, "volume": "vol0", "vol_type": "replicate", "ec_type": 2,
            "replica": 3, "raid": false, "storage_class": "standard", "readonly": false,
            "brick_count": 2, "block": "sdc",
            "nodes": ["node_test4", "node_test5", "node_test6"]
          }]
        }"""));
  }

  @Test
  void getConfigQingStorStatusSendsTheJobId() {
    client.getConfigQingStorStatus("j-68mbPHJU");

    assertThat(onlyRequest("GetConfigQingStorStatus")).isEqualTo(
        seed("{\"action\": \"GetConfigQingStorStatus\", \"job_id\": \"j-68mbPHJU\"}"));
  }

  @Test
  void getConfigQingStorStatusWithoutAJobIdLeavesItOut() {
    client.getConfigQingStorStatus(null);

    assertThat(onlyRequest("GetConfigQingStorStatus"))
        .isEqualTo(seed("{\"action\": \"GetConfigQingStorStatus\"}"));
  }

  @Test
  void getConfigQingStorLogSendsTheJobAndStep() {
    client.getConfigQingStorLog(new JobLogRequest("j-68mbPHJU", "step0", null, null));

    assertThat(onlyRequest("GetConfigQingStorLog")).isEqualTo(seed(
        "{\"action\": \"GetConfigQingStorLog\", \"job_id\": \"j-68mbPHJU\", \"job_status\": \"step0\"}"));
  }

  @Test
  void deployQingStorSendsNoParametersButAClientToken() {
    client.deployQingStor();

    assertThat(withoutSdkToken(onlyRequest("DeployQingStor")))
        .isEqualTo(seed("{\"action\": \"DeployQingStor\"}"));
  }

  @Test
  void getDeployQingStorStatusSendsTheJobId() {
    client.getDeployQingStorStatus("j-QJMYu7nS");

    assertThat(onlyRequest("GetDeployQingStorStatus")).isEqualTo(
        seed("{\"action\": \"GetDeployQingStorStatus\", \"job_id\": \"j-QJMYu7nS\"}"));
  }

  @Test
  void getDeployQingStorLogSendsTheJobAndStep() {
    client.getDeployQingStorLog(new JobLogRequest("j-QJMYu7nS", "step0", null, null));

    assertThat(onlyRequest("GetDeployQingStorLog")).isEqualTo(seed(
        "{\"action\": \"GetDeployQingStorLog\", \"job_id\": \"j-QJMYu7nS\", \"job_status\": \"step0\"}"));
  }

  @Test
  void logPagingSendsOffsetAndLimitAsNumbers() {
    client.getDeployQingStorLog(new JobLogRequest("j-1", "step2", 1000L, 500));

    JsonNode body = onlyRequest("GetDeployQingStorLog");
    assertThat(body.get("offset").isIntegralNumber()).isTrue();
    assertThat(body.get("offset").asLong()).isEqualTo(1000L);
    assertThat(body.get("limit").asInt()).isEqualTo(500);
  }

  @Test
  void scaleQingStorAccessSendsNodeIdsWithTheirVips() {
    client.scaleQingStorAccess(new ScaleQingStorAccessRequest(List.of(
        new AccessNodeAddition("n-test7", "172.16.0.201"),
        new AccessNodeAddition("n-test8", "172.16.0.202"),
        new AccessNodeAddition("n-test9", "172.16.0.203")), null));

    assertThat(withoutSdkToken(onlyRequest("ScaleQingStorAccess"))).isEqualTo(seed("""
        {
          "action": "ScaleQingStorAccess",
          "node_ids": [
            {"node_id": "n-test7", "vip": "172.16.0.201"},
            {"node_id": "n-test8", "vip": "172.16.0.202"},
            {"node_id": "n-test9", "vip": "172.16.0.203"}
          ]
        }"""));
  }

  @Test
  void scaleQingStorStorageSendsClustersWithNodeObjects() {
    List<NodeRef> nodes = Stream.of("n-test11", "n-test12", "n-test13")
        .map(id -> new NodeRef(id, true))
        .collect(Collectors.toList());
    client.scaleQingStorStorage(new ScaleQingStorStorageRequest(List.of(new StorageClusterSpec(
        0, "vol0", "replicate", 2, 3, false, "standard", false, 2, "sdc", nodes)), null));

    assertThat(withoutSdkToken(onlyRequest("ScaleQingStorStorage"))).isEqualTo(seed("""
        {
          "action": "ScaleQingStorStorage",
          "storage_nodes": [{
            "cluster_id": 0, "volume": "vol0", "vol_type": "replicate", "ec_type": 2,
            "replica": 3, "raid": false, "storage_class": "standard", "readonly": false,
            "brick_count": 2, "block": "sdc",
            "nodes": [{"node_id": "n-test11"}, {"node_id": "n-test12"}, {"node_id": "n-test13"}]
          }]
        }"""));
  }

  @Test
  void removeQingStorStorageNodesSendsNodeIdsAndForce() {
    client.removeQingStorStorageNodes(RemoveQingStorNodesRequest.of("n-6", "n-7").forced());

    assertThat(withoutSdkToken(onlyRequest("RemoveQingStorStorageNodes"))).isEqualTo(seed("""
        {"action": "RemoveQingStorStorageNodes", "node_ids": ["n-6", "n-7"], "force": true}"""));
  }

  @Test
  void removeQingStorAccessNodesSendsADryRunWithoutForce() {
    client.removeQingStorAccessNodes(RemoveQingStorNodesRequest.of("n-2").asDryRun());

    assertThat(withoutSdkToken(onlyRequest("RemoveQingStorAccessNodes"))).isEqualTo(seed("""
        {"action": "RemoveQingStorAccessNodes", "node_ids": ["n-2"], "dry_run": true}"""));
  }

  @Test
  void aCallersOwnClientTokenIsSentUnchanged() {
    client.scaleQingStorAccess(new ScaleQingStorAccessRequest(List.of(), "my-token-1"));

    assertThat(onlyRequest("ScaleQingStorAccess").get("client_token").asText())
        .isEqualTo("my-token-1");
  }

  @Test
  void createUserSendsThePlainPasswordAsItsSha256() {
    client.createUser("ops", "n3w-Passw0rd", "operator");

    assertThat(onlyRequest("CreateUser")).isEqualTo(seed("""
        {"action": "CreateUser", "user_id": "ops", "role": "operator",
         "password": "6a447571821e56bc2341c1b50b463455384478cd188578289c2678c6363640bf"}"""));
  }

  @Test
  void modifyUserPasswordSendsThePlainPasswordAsItsSha256() {
    client.modifyUserPassword("ops", "n3w-Passw0rd");

    assertThat(onlyRequest("ModifyUserPassword")).isEqualTo(seed("""
        {"action": "ModifyUserPassword", "user_id": "ops",
         "password": "6a447571821e56bc2341c1b50b463455384478cd188578289c2678c6363640bf"}"""));
  }

  @Test
  void aTypedCreateUserWithAPlainPasswordIsRefusedBeforeSending() {
    assertThatThrownBy(() -> client.createUser(new CreateUserRequest("ops", "n3w-Passw0rd", "viewer")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password")
        .hasMessageNotContaining("n3w-Passw0rd");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void modifyNodesSendsOnlyTheFieldsThatChange() {
    client.modifyNodes(new ModifyNodesRequest(List.of(
        new NodeModification("n-3", "10.0.0.23", null, null, null, null, null, true))));

    assertThat(onlyRequest("ModifyNodes")).isEqualTo(seed("""
        {"action": "ModifyNodes",
         "nodes": [{"node_id": "n-3", "ip": "10.0.0.23", "reset_host_key": true}]}"""));
  }

  @Test
  void jobActionsSendTheirIds() {
    client.cancelJob("j-7");
    client.deleteUser("ops");

    assertThat(onlyRequest("CancelJob")).isEqualTo(seed("{\"action\": \"CancelJob\", \"job_id\": \"j-7\"}"));
    assertThat(onlyRequest("DeleteUser")).isEqualTo(seed("{\"action\": \"DeleteUser\", \"user_id\": \"ops\"}"));
  }

  @Test
  void requestsArePostedAsJsonToTheEndpointPath() {
    server.stubFor(post(urlPathEqualTo("/qs/api"))
        .willReturn(ok("{\"action\": \"DescribeQingStorResponse\", \"ret_code\": 0}")));
    try (QsClient qs = builder().endpoint(baseUrl() + "/qs/api").build()) {
      qs.describeQingStor();
    }

    server.verify(postRequestedFor(urlPathEqualTo("/qs/api"))
        .withHeader("Content-Type", equalTo("application/json")));
  }

  @Test
  void aPasswordHashGivenToTheBuilderIsSentLowerCase() {
    try (QsClient qs = builder().passwordHash(PASSWORD_SHA256.toUpperCase()).build()) {
      qs.describeQingStor();
    }

    assertThat(onlyRequest("DescribeQingStor").get("PASSWORD").asText()).isEqualTo(PASSWORD_SHA256);
  }

  private static ConfigQingStorRequest seedConfig() {
    QsConf conf = new QsConf("127.0.0.1", "Zhu88jie", false, "test", "test.com", "stor.test.com",
        List.of("192.168.10.1/24"), true, null, null, null, null, null, null);
    AccessNodes access = new AccessNodes(new AccessNetwork("eth0",
        refs("node_test1", "node_test2", "node_test3"),
        List.of("172.17.0.13", "172.17.0.14", "172.17.0.15"), "172.17.0.100"), null, null);
    StorageClusterSpec cluster = new StorageClusterSpec(0, "vol0", "replicate", 2, 3, false,
        "standard", false, 2, "sdc", refs("node_test4", "node_test5", "node_test6"));
    return new ConfigQingStorRequest(conf, access, List.of(cluster), null);
  }

  private static List<NodeRef> refs(String... ids) {
    return Stream.of(ids).map(NodeRef::of).collect(Collectors.toList());
  }

  private static JsonNode onlyRequest(String action) {
    List<JsonNode> requests = requestsOf(action);
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  /** The seed's request with the credentials every request carries. */
  private static JsonNode seed(String json) {
    ObjectNode body = (ObjectNode) json(json);
    body.put("USER_ID", USER_ID);
    body.put("PASSWORD", PASSWORD_SHA256);
    return body;
  }

  /** The body without its client_token, after checking the SDK generated one. */
  private static JsonNode withoutSdkToken(JsonNode body) {
    assertThat(body.path("client_token").asText()).matches(SDK_TOKEN);
    ObjectNode copy = body.deepCopy();
    copy.remove("client_token");
    return copy;
  }
}
