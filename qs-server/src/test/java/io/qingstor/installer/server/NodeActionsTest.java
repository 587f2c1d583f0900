package io.qingstor.installer.server;

import static io.qingstor.installer.server.testing.InProcessServer.ADMIN;
import static io.qingstor.installer.server.testing.InProcessServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.testing.InProcessServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AddNodes, DescribeNodes, ModifyNodes, DeleteNodes and CollectNodes over HTTP; no node is
 * reachable.
 */
class NodeActionsTest {
  static final String NODE_PASSWORD = "node-secret-" + Long.toHexString(System.nanoTime());

  @RegisterExtension static final InProcessServer server = InProcessServer.withDefaults();
  static ApiClient api;

  @BeforeAll
  static void connect() {
    api = new ApiClient(server.url());
  }

  static Reply admin(String action, Map<String, ?> params) {
    return api.call(ADMIN, ADMIN_PASSWORD, action, params);
  }

  static Map<String, Object> node(String id, String ip) {
    return Map.of("node_id", id, "ip", ip, "ssh_port", 22, "ssh_user", "root",
        "ssh_password", NODE_PASSWORD);
  }

  @Test
  void addNodesRegistersNodesAndReturnsTheirIds() {
    Reply reply = admin("AddNodes", Map.of("nodes",
        List.of(node("a-1", "127.0.0.41"), node("a-2", "127.0.0.42"))));

    assertThat(reply.retCode()).as(reply.body()).isZero();
    assertThat(reply.json().path("node_ids").toString()).isEqualTo("[\"a-1\",\"a-2\"]");
  }

  @Test
  void addNodesRefusesVarsThatWouldSetAnsibleConnectionSettingsAndRegistersNothing() {
    Map<String, Object> planted = new java.util.HashMap<>(node("p-1", "127.0.0.61"));
    planted.put("vars", Map.of(
        "ansible_ssh_common_args", "-o ProxyCommand=\"sh -c 'touch /tmp/planted'\"",
        "ansible_become", "true", "ansible_python_interpreter", "/tmp/planted.sh"));

    Reply reply = admin("AddNodes", Map.of("nodes", List.of(planted)));

    assertThat(reply.retCode()).as(reply.body()).isEqualTo(1100);
    assertThat(reply.json().path("errors").toString()).contains("ansible_ssh_common_args")
        .contains("ansible_become").contains("ansible_python_interpreter");
    assertThat(admin("DescribeNodes", Map.of("node_ids", List.of("p-1"))).json()
        .path("total_count").asInt(-1)).isZero();
  }

  @Test
  void addNodesTakesAHostKeyAndRefusesOneThatIsNoKeyNamingTheField() {
    Map<String, Object> pinned = new java.util.HashMap<>(node("h-1", "127.0.0.71"));
    pinned.put("host_key", "SHA256:" + "k".repeat(43));
    Map<String, Object> garbage = new java.util.HashMap<>(node("h-2", "127.0.0.72"));
    garbage.put("host_key", "not a key");

    Reply accepted = admin("AddNodes", Map.of("nodes", List.of(pinned)));
    assertThat(accepted.retCode()).as(accepted.body()).isZero();
    Reply refused = admin("AddNodes", Map.of("nodes", List.of(garbage)));

    assertThat(refused.retCode()).as(refused.body()).isEqualTo(1100);
    assertThat(refused.json().path("errors").toString()).contains("nodes[0].host_key");
  }

  @Test
  void describeNodesShowsNodesWithoutTheirCredentials() {
    admin("AddNodes", Map.of("nodes", List.of(node("d-1", "127.0.0.51"))));

    Reply reply = admin("DescribeNodes", Map.of("node_ids", List.of("d-1")));

    assertThat(reply.retCode()).as(reply.body()).isZero();
    assertThat(reply.json().path("nodes").get(0).path("ip").asText()).isEqualTo("127.0.0.51");
    assertThat(reply.body()).doesNotContain(NODE_PASSWORD);
  }

  @Test
  void modifyNodesChangesAddressAndCredentialsWithoutShowingThem() {
    admin("AddNodes", Map.of("nodes", List.of(node("m-1", "127.0.70.91"))));

    Reply reply = admin("ModifyNodes", Map.of("nodes", List.of(Map.of("node_id", "m-1",
        "ip", "127.0.70.92", "ssh_password", "new-" + NODE_PASSWORD, "reset_host_key", true))));

    assertThat(reply.retCode()).as(reply.body()).isZero();
    assertThat(reply.json().path("node_ids").toString()).isEqualTo("[\"m-1\"]");
    Reply described = admin("DescribeNodes", Map.of("node_ids", List.of("m-1")));
    assertThat(described.json().path("nodes").get(0).path("ip").asText())
        .isEqualTo("127.0.70.92");
    assertThat(reply.body() + described.body()).doesNotContain(NODE_PASSWORD);
  }

  @Test
  void modifyNodesNamesATypoInsideANode() {
    admin("AddNodes", Map.of("nodes", List.of(node("m-2", "127.0.70.93"))));

    Reply reply = admin("ModifyNodes", Map.of("nodes",
        List.of(Map.of("node_id", "m-2", "reset_hostkey", true))));

    assertThat(reply.retCode()).isEqualTo(1100);
    assertThat(reply.json().path("errors").get(0).path("field").asText())
        .isEqualTo("nodes[0].reset_hostkey");
  }

  @Test
  void deleteNodesUnregistersNodes() {
    admin("AddNodes", Map.of("nodes", List.of(node("x-1", "127.0.0.61"))));

    Reply reply = admin("DeleteNodes", Map.of("node_ids", List.of("x-1")));

    assertThat(reply.retCode()).as(reply.body()).isZero();
    assertThat(admin("DescribeNodes", Map.of("node_ids", List.of("x-1"))).json()
        .path("nodes").size()).isZero();
  }

  @Test
  void anUnknownTypoInsideANodeIsInvalidRequestNamingIt() {
    Reply reply = admin("AddNodes", Map.of("nodes",
        List.of(Map.of("ip", "127.0.0.71", "ssh_usr", "root", "ssh_password", "x"))));

    assertThat(reply.retCode()).isEqualTo(1100);
    assertThat(reply.json().path("errors").get(0).path("field").asText())
        .isEqualTo("nodes[0].ssh_usr");
  }

  @Test
  void collectNodesStartsAJobThatFailsOnAnUnreachableNode() {
    admin("AddNodes", Map.of("nodes", List.of(node("c-1", "127.0.0.81"))));

    Reply reply = admin("CollectNodes", Map.of("node_ids", List.of("c-1")));

    assertThat(reply.retCode()).as(reply.body()).isZero();
    String jobId = reply.json().path("job_id").asText();
    await().atMost(Duration.ofSeconds(60)).until(() -> admin("DescribeJobs",
        Map.of("job_ids", List.of(jobId))).json().path("jobs").get(0).path("status").asText()
        .equals("failed"));
  }

  @Test
  void cancellingAnUnknownJobIsResourceNotFound() {
    Reply reply = admin("CancelJob", Map.of("job_id", "j-nope"));

    assertThat(reply.retCode()).isEqualTo(2100);
  }
}
