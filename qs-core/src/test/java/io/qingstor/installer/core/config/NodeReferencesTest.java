package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Fixtures.assertOnlyError;
import static io.qingstor.installer.core.config.Fixtures.cluster;
import static io.qingstor.installer.core.config.Fixtures.intranet;
import static io.qingstor.installer.core.config.Fixtures.parse;
import static io.qingstor.installer.core.config.Fixtures.seedJson;
import static io.qingstor.installer.core.config.Fixtures.strings;
import static io.qingstor.installer.core.config.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qingstor.installer.api.model.NodeRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeReferencesTest {

  @Test
  void registeredNodeIpIsCanonicalisedToItsNodeId() {
    ObjectNode json = seedJson();
    intranet(json).set("nodes", strings("192.168.10.11", "node_test2", "192.168.10.13"));

    ConfigCheck check = validate(json);

    assertThat(check.errors()).isEmpty();
    assertThat(check.config().accessNodeIds())
        .containsExactly("node_test1", "node_test2", "node_test3");
    assertThat(check.ipsToRegister()).isEmpty();
  }

  @Test
  void unregisteredIpIsAcceptedAndListedToRegister() {
    ObjectNode json = seedJson();
    cluster(json, 0).set("nodes", strings("10.0.0.7", "node_test5", "10.0.0.8"));
    intranet(json).set("nodes", strings("node_test1", "node_test2", "10.0.0.8"));

    ConfigCheck check = validate(json);

    assertThat(check.errors()).isEmpty();
    assertThat(check.ipsToRegister()).containsExactly("10.0.0.8", "10.0.0.7");
    assertThat(check.config().storageNodeIds()).containsExactly("10.0.0.7", "node_test5", "10.0.0.8");
  }

  @Test
  void unknownNodeNameIsAnErrorSayingHowToRegisterIt() {
    ObjectNode json = seedJson();
    cluster(json, 0).set("nodes", strings("node_test4", "node_test5", "node_test9"));

    assertOnlyError(validate(json), "storage_nodes[0].nodes[2]",
        "unknown node 'node_test9': register it with AddNodes or use its IP");
  }

  @Test
  void blankNodeReferenceIsAnError() {
    ObjectNode json = seedJson();
    cluster(json, 0).set("nodes", strings("node_test4", " ", "node_test6"));

    assertOnlyError(validate(json), "storage_nodes[0].nodes[1]", "missing node");
  }

  @Test
  void objectFormReferencesAreAcceptedAndKeepTheirForm() {
    ObjectNode json = seedJson();
    cluster(json, 0).set("nodes", parse("""
        {"n": [{"node_id": "node_test4"}, {"node_id": "192.168.10.15"}, "node_test6"]}""")
        .get("n"));

    ConfigCheck check = validate(json);

    assertThat(check.config().storageNodes().get(0).nodes()).containsExactly(
        new NodeRef("node_test4", true), new NodeRef("node_test5", true),
        new NodeRef("node_test6", false));
  }

  @Test
  void withNodeIdsReplacedSwapsRegisteredIpsForTheirNewIds() {
    ObjectNode json = seedJson();
    intranet(json).set("nodes", strings("node_test1", "node_test2", "10.0.0.7"));
    cluster(json, 0).set("nodes", strings("10.0.0.7", "node_test5", "10.0.0.8"));
    PlatformConfig config = validate(json).config();

    PlatformConfig replaced =
        config.withNodeIdsReplaced(Map.of("10.0.0.7", "n-7", "10.0.0.8", "n-8"));

    assertThat(replaced.accessNodeIds()).containsExactly("node_test1", "node_test2", "n-7");
    assertThat(replaced.storageNodeIds()).containsExactly("n-7", "node_test5", "n-8");
    assertThat(replaced.allNodeIds())
        .containsExactly("node_test1", "node_test2", "n-7", "node_test5", "n-8");
    assertThat(config.accessNodeIds()).contains("10.0.0.7");
  }

  @Test
  void withNodeIdsReplacedKeepsEverythingElse() {
    PlatformConfig config = Fixtures.seedConfig();

    PlatformConfig replaced = config.withNodeIdsReplaced(Map.of("node_test4", "n-4"));

    assertThat(replaced.qsConf()).isEqualTo(config.qsConf());
    assertThat(replaced.accessNodes()).isEqualTo(config.accessNodes());
    assertThat(replaced.storageNodes().get(0).withNodes(null))
        .isEqualTo(config.storageNodes().get(0).withNodes(null));
    assertThat(replaced.storageNodeIds()).containsExactly("n-4", "node_test5", "node_test6");
  }
}
