package io.qingstor.installer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessKeyInfo;
import io.qingstor.installer.api.model.AccessNodeAddition;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.ConfigQingStorResponse;
import io.qingstor.installer.api.model.CreateUserRequest;
import io.qingstor.installer.api.model.DeleteNodesRequest;
import io.qingstor.installer.api.model.DeleteUserRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeAccessKeysRequest;
import io.qingstor.installer.api.model.DescribeAccessKeysResponse;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeJobsResponse;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.DescribeNodesResponse;
import io.qingstor.installer.api.model.DescribeQingStorRequest;
import io.qingstor.installer.api.model.DescribeQingStorResponse;
import io.qingstor.installer.api.model.DescribeUsersRequest;
import io.qingstor.installer.api.model.DescribeUsersResponse;
import io.qingstor.installer.api.model.GetSupportBundleRequest;
import io.qingstor.installer.api.model.GetSupportBundleResponse;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.FailedIn;
import io.qingstor.installer.api.model.HostInfo;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobNodeStatus;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.api.model.JobStatusRequest;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.ModifyUserPasswordRequest;
import io.qingstor.installer.api.model.NetInterface;
import io.qingstor.installer.api.model.NodeIdsResponse;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.api.model.NodeModification;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.PlatformInfo;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.RemoveQingStorNodesRequest;
import io.qingstor.installer.api.model.ResetQingStorRequest;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.api.model.StepLog;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.api.model.StorageClusterSummary;
import io.qingstor.installer.api.model.UserIdResponse;
import io.qingstor.installer.api.model.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The catalogue is complete and every action's request and response survive the wire. */
class ActionCatalogueTest {
  private static final Credentials ADMIN = new Credentials("admin", "a".repeat(64));
  private static final StorageClusterSpec CLUSTER = new StorageClusterSpec(0, "vol0", "replicate",
      2, 3, false, "standard", false, 2, "sdc", List.of(NodeRef.of("n-a"), NodeRef.of("n-b")));
  private static final JobInfo JOB = new JobInfo("j-12345678", "deploy", "step1", "step0",
      "push config", 4, 25, null, "2026-01-01 00:00:00", "2026-01-01 00:00:01", null);
  private static final JobInfo FAILED_JOB = new JobInfo("j-12345679", "deploy", "failed",
      "step2", "gateway", 4, 50, "step2 (gateway) failed on n-a (auth_failed: ...)",
      "2026-01-01 00:00:00", "2026-01-01 00:00:01", "2026-01-01 00:00:02", "auth_failed",
      "n-a refused the SSH login: fix ssh_user and ssh_password or ssh_key with ModifyNodes",
      List.of(new JobNodeStatus("n-a", "failed", "step2", "unreachable: login refused",
          "auth_failed", "n-a refused the SSH login: fix ssh_user and ssh_password or ssh_key"),
          new JobNodeStatus("n-b", "succeeded", "step2", null, null, null)),
      Map.of("failed", 1, "succeeded", 1), 2L, null);
  private static final FailedIn LEFT_OUT = new FailedIn("j-12345680", "step0", "push-config",
      "2026-01-01 00:00:03");
  private static final JobInfo WARNED_JOB = new JobInfo("j-12345680", "scale_access",
      "successful", "step2", "verify", 3, 100, null, "2026-01-01 00:00:00",
      "2026-01-01 00:00:01", "2026-01-01 00:00:03", null, null, null, null, 2L, null,
      List.of("n-b"), List.of("n-b left out at step0 (push-config): connection_refused: ..."));

  private final JsonCodec codec = new JsonCodec();

  static final Map<Action, ApiRequest> REQUESTS = new EnumMap<>(Map.ofEntries(
      Map.entry(Action.DESCRIBE_QINGSTOR, new DescribeQingStorRequest()),
      Map.entry(Action.CONFIG_QINGSTOR, new ConfigQingStorRequest(
          new QsConf("10.0.0.1", "secret", false, "pek3", "test.com", "stor.test.com",
              List.of("10.0.0.0/24"), true, false, true, false, null, null,
              Map.of("custom_key", List.of(1, 2))),
          new AccessNodes(new AccessNetwork("eth0", List.of(NodeRef.of("n-a")), List.of("10.0.0.9"),
              "10.0.0.100"), false, null),
          List.of(CLUSTER), "token-1")),
      Map.entry(Action.GET_CONFIG_QINGSTOR_STATUS, new JobStatusRequest("j-12345678")),
      Map.entry(Action.GET_CONFIG_QINGSTOR_LOG, new JobLogRequest("j-12345678", "step0", 10L, 50)),
      Map.entry(Action.DEPLOY_QINGSTOR, new DeployQingStorRequest(2, "token-2")),
      Map.entry(Action.GET_DEPLOY_QINGSTOR_STATUS, new JobStatusRequest(null)),
      Map.entry(Action.GET_DEPLOY_QINGSTOR_LOG,
          new JobLogRequest(null, "failed", null, null, "n-1", 20)),
      Map.entry(Action.SCALE_QINGSTOR_ACCESS, new ScaleQingStorAccessRequest(
          List.of(new AccessNodeAddition("n-c", "10.0.0.11")), null)),
      Map.entry(Action.SCALE_QINGSTOR_STORAGE,
          new ScaleQingStorStorageRequest(List.of(CLUSTER), "token-3")),
      Map.entry(Action.REMOVE_QINGSTOR_STORAGE_NODES, new RemoveQingStorNodesRequest(
          List.of(NodeRef.of("n-c"), new NodeRef("n-d", true)), true, "token-4", null, null)),
      Map.entry(Action.REMOVE_QINGSTOR_ACCESS_NODES, RemoveQingStorNodesRequest.of("n-a")),
      Map.entry(Action.CREATE_USER, new CreateUserRequest("ops", "b".repeat(64), "operator")),
      Map.entry(Action.DESCRIBE_USERS, new DescribeUsersRequest(List.of("ops"))),
      Map.entry(Action.MODIFY_USER_PASSWORD, new ModifyUserPasswordRequest("ops", "c".repeat(64))),
      Map.entry(Action.DELETE_USER, new DeleteUserRequest("ops")),
      Map.entry(Action.ADD_NODES, new AddNodesRequest(List.of(new NodeSpec("n-a", "10.0.0.5", 22,
          "root", "pw", null, Map.of("qs_root", "/opt/qingstor"))))),
      Map.entry(Action.DESCRIBE_NODES, new DescribeNodesRequest(List.of("n-a"), "ready")),
      Map.entry(Action.MODIFY_NODES, new ModifyNodesRequest(List.of(new NodeModification("n-a",
          "10.0.0.6", 2222, "ops", null, null, Map.of("qs_root", "/srv/qs"), true)))),
      Map.entry(Action.DELETE_NODES, new DeleteNodesRequest(List.of("n-a"))),
      Map.entry(Action.COLLECT_NODES, new CollectNodesRequest(null)),
      Map.entry(Action.DESCRIBE_JOBS, new DescribeJobsRequest(null, "deploy", "failed", 10)),
      Map.entry(Action.RESET_QINGSTOR, new ResetQingStorRequest("qingstor", "t1")),
      Map.entry(Action.CANCEL_JOB, new CancelJobRequest("j-12345678")),
      Map.entry(Action.DESCRIBE_ACCESS_KEYS, new DescribeAccessKeysRequest()),
      Map.entry(Action.GET_SUPPORT_BUNDLE, new GetSupportBundleRequest())));

  static final Map<Action, ApiResponse> RESPONSES = new EnumMap<>(Map.ofEntries(
      Map.entry(Action.DESCRIBE_QINGSTOR, new DescribeQingStorResponse(new QingStorInfo("c",
          "2026-01-01 00:00:00", "stor.test.com",
          List.of(new HostInfo("n-a", "host-a", "10.0.0.5", List.of("access"), "deployed"),
              new HostInfo("n-b", "host-b", "10.0.0.6", List.of("access"), "unreachable",
                  LEFT_OUT)), "0.1.0",
          0, 1, new PlatformInfo("pek3", "10.0.0.1", "stor.test.com", List.of("10.0.0.0/24"),
              List.of("10.0.0.9"), "10.0.0.100", null,
              List.of(new StorageClusterSummary(0, "vol0", "replicate", 3, null, "standard", 2, 3)),
              1),
          "qingstor", "deploying", "20181001", "running", "2026-01-01 00:00:01"))),
      Map.entry(Action.CONFIG_QINGSTOR, new ConfigQingStorResponse("j-12345678",
          List.of(new FieldError("storage_nodes[0].replica", "replica 1 has no redundancy")))),
      Map.entry(Action.GET_CONFIG_QINGSTOR_STATUS, JOB),
      Map.entry(Action.GET_CONFIG_QINGSTOR_LOG, new JobLogResponse(Map.of("step0",
          new StepLog("preflight", "successful",
              List.of(new LogLine("2026-01-01 00:00:00", "n-a", "stdout", "ok")), 1L, 1L)))),
      Map.entry(Action.DEPLOY_QINGSTOR, new JobResponse("j-12345678")),
      Map.entry(Action.GET_DEPLOY_QINGSTOR_STATUS, FAILED_JOB),
      Map.entry(Action.GET_DEPLOY_QINGSTOR_LOG, new JobLogResponse(Map.of())),
      Map.entry(Action.SCALE_QINGSTOR_ACCESS, new JobResponse("j-12345678")),
      Map.entry(Action.SCALE_QINGSTOR_STORAGE, new JobResponse("j-12345678")),
      Map.entry(Action.REMOVE_QINGSTOR_STORAGE_NODES, new JobResponse("j-12345678")),
      Map.entry(Action.REMOVE_QINGSTOR_ACCESS_NODES, new JobResponse("j-12345678")),
      Map.entry(Action.CREATE_USER, new UserIdResponse("ops")),
      Map.entry(Action.DESCRIBE_USERS, new DescribeUsersResponse(
          List.of(new UserInfo("ops", "operator", "2026-01-01 00:00:00", null)), 1)),
      Map.entry(Action.MODIFY_USER_PASSWORD, new UserIdResponse("ops")),
      Map.entry(Action.DELETE_USER, new UserIdResponse("ops")),
      Map.entry(Action.ADD_NODES, new NodeIdsResponse(List.of("n-a"))),
      Map.entry(Action.DESCRIBE_NODES, new DescribeNodesResponse(List.of(new NodeInfo("n-a",
          "10.0.0.5", 22, "root", "password", Map.of(), "ready", List.of("storage"),
          new HardwareFacts("host-a", "Debian 12", "6.1", "x86_64", 4, 8L << 30,
              List.of(new BlockDevice("sdc", 1L << 40, true, false)),
              List.of(new NetInterface("eth0", "52:54:00:00:00:01", List.of("10.0.0.5/24"))),
              "2026-01-01 00:00:00"),
          "2026-01-01 00:00:00", null, "disk_full", "a disk of n-a is full: free space",
          LEFT_OUT)), 1)),
      Map.entry(Action.MODIFY_NODES, new NodeIdsResponse(List.of("n-a"))),
      Map.entry(Action.DELETE_NODES, new NodeIdsResponse(List.of("n-a"))),
      Map.entry(Action.COLLECT_NODES, new JobResponse("j-12345678")),
      Map.entry(Action.DESCRIBE_JOBS, new DescribeJobsResponse(List.of(JOB, FAILED_JOB,
          WARNED_JOB), 3)),
      Map.entry(Action.RESET_QINGSTOR, new JobResponse("j-12345678")),
      Map.entry(Action.CANCEL_JOB, new JobResponse("j-12345678")),
      Map.entry(Action.DESCRIBE_ACCESS_KEYS, new DescribeAccessKeysResponse(List.of(
          new AccessKeyInfo("qingstor:admin", "s3cr3t", List.of("http://10.0.0.9:8080"))))),
      Map.entry(Action.GET_SUPPORT_BUNDLE, new GetSupportBundleResponse("H4sIAAAAAAAA"))));

  @Test
  void everyActionHasASampleSoThisTestCoversNewActions() {
    assertThat(REQUESTS.keySet()).containsExactlyInAnyOrder(Action.values());
    assertThat(RESPONSES.keySet()).containsExactlyInAnyOrder(Action.values());
  }

  @Test
  void wireNamesAreUniqueAndResolveBack() {
    for (Action action : Action.values()) {
      assertThat(Action.fromWireName(action.wireName())).contains(action);
      assertThat(action.responseName()).isEqualTo(action.wireName() + "Response");
    }
    assertThat(Action.fromWireName("describeqingstor")).isEmpty();
  }

  @Test
  void theCatalogueCoversEveryActionOfTheDesign() {
    assertThat(Stream.of(Action.values()).map(Action::wireName).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("DescribeQingStor", "ConfigQingStor", "GetConfigQingStorStatus",
            "GetConfigQingStorLog", "DeployQingStor", "GetDeployQingStorStatus",
            "GetDeployQingStorLog", "ScaleQingStorAccess", "ScaleQingStorStorage", "CreateUser",
            "DescribeUsers", "ModifyUserPassword", "DeleteUser", "AddNodes", "DescribeNodes",
            "ModifyNodes", "DeleteNodes", "CollectNodes", "DescribeJobs", "CancelJob",
            "ResetQingStor", "DescribeAccessKeys", "GetSupportBundle",
            "RemoveQingStorStorageNodes", "RemoveQingStorAccessNodes");
  }

  @Test
  void onlyPlatformChangingActionsAcceptAClientToken() {
    assertThat(Stream.of(Action.values()).filter(Action::acceptsClientToken))
        .containsExactlyInAnyOrder(Action.CONFIG_QINGSTOR, Action.DEPLOY_QINGSTOR,
            Action.SCALE_QINGSTOR_ACCESS, Action.SCALE_QINGSTOR_STORAGE, Action.RESET_QINGSTOR,
            Action.REMOVE_QINGSTOR_STORAGE_NODES, Action.REMOVE_QINGSTOR_ACCESS_NODES);
  }

  @Test
  void readOnlyActionsAreTheDescribeAndGetOnes() {
    assertThat(Stream.of(Action.values()).filter(Action::readOnly).map(Action::wireName))
        .allMatch(name -> name.startsWith("Describe") || name.startsWith("Get"));
  }

  @ParameterizedTest
  @EnumSource(Action.class)
  void requestRoundTripsThroughTheWire(Action action) {
    ApiRequest request = REQUESTS.get(action);

    RequestEnvelope decoded = codec.decodeRequest(codec.encodeRequest(action, ADMIN, request));

    assertThat(decoded.action()).isEqualTo(action);
    assertThat(decoded.credentials()).isEqualTo(ADMIN);
    assertThat(decoded.request()).isEqualTo(request);
  }

  @ParameterizedTest
  @EnumSource(Action.class)
  void responseRoundTripsThroughTheWire(Action action) {
    ApiResponse response = RESPONSES.get(action);

    assertThat(codec.decodeResponse(action, codec.encodeResponse(action, response)))
        .isEqualTo(response);
  }

  @ParameterizedTest
  @EnumSource(Action.class)
  void responseBytesAreTheEnvelopeTreeTheCodecUsedToBuild(Action action) {
    ApiResponse response = RESPONSES.get(action);
    ObjectNode tree = codec.mapper().createObjectNode();
    tree.put("action", action.responseName());
    tree.put("ret_code", 0);
    tree.setAll((ObjectNode) codec.mapper().valueToTree(response));

    assertThat(new String(codec.encodeResponse(action, response), StandardCharsets.UTF_8))
        .isEqualTo(new String(codec.write(tree), StandardCharsets.UTF_8));
  }

  @Test
  void aJobThatWentOnWithoutNodesAndTheirMarkTravelUnderTheirWireNames() {
    String job = new String(codec.encodeResponse(Action.GET_DEPLOY_QINGSTOR_STATUS, WARNED_JOB),
        StandardCharsets.UTF_8);
    String nodes = new String(codec.encodeResponse(Action.DESCRIBE_NODES,
        RESPONSES.get(Action.DESCRIBE_NODES)), StandardCharsets.UTF_8);

    assertThat(job).contains("\"failed_nodes\":[\"n-b\"]",
        "\"warnings\":[\"n-b left out at step0 (push-config): connection_refused: ...\"]");
    assertThat(nodes).contains("\"failed\":{\"job_id\":\"j-12345680\",\"step\":\"step0\","
        + "\"step_name\":\"push-config\",\"time\":\"2026-01-01 00:00:03\"}");
    assertThat(new String(codec.encodeResponse(Action.GET_CONFIG_QINGSTOR_STATUS, JOB),
        StandardCharsets.UTF_8)).doesNotContain("failed_nodes", "warnings");
  }

  @Test
  void anEmptyResponseIsJustTheEnvelope() {
    assertThat(new String(codec.encodeResponse(Action.CREATE_USER, new UserIdResponse(null)),
        StandardCharsets.UTF_8)).isEqualTo("{\"action\":\"CreateUserResponse\",\"ret_code\":0}");
  }

  @Test
  void mapsKeepTheirOrderThroughTheWire() {
    Map<String, StepLog> steps = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      steps.put("step" + i, new StepLog("t" + i, "successful", List.of(), 0L, 0L));
    }
    JobLogResponse response = new JobLogResponse(steps);

    JobLogResponse back = (JobLogResponse) codec.decodeResponse(Action.GET_DEPLOY_QINGSTOR_LOG,
        codec.encodeResponse(Action.GET_DEPLOY_QINGSTOR_LOG, response));

    assertThat(back.log().keySet()).containsExactlyElementsOf(steps.keySet());
  }
}
