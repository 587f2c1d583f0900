package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Fixtures.assertOnlyError;
import static io.qingstor.installer.core.config.Fixtures.scaleAccess;
import static io.qingstor.installer.core.config.Fixtures.seedConfig;
import static io.qingstor.installer.core.config.Fixtures.seedDirectory;
import static io.qingstor.installer.core.config.Fixtures.seedNodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleAccessTest {
  private static final ConfigValidator VALIDATOR = new ConfigValidator();

  /** The seed nodes plus n-test7..9 at 192.168.10.17..19. */
  private static NodeDirectory directory() {
    List<KnownNode> nodes = new ArrayList<>(seedNodes());
    for (int i = 7; i <= 9; i++) {
      nodes.add(new KnownNode("n-test" + i, "192.168.10." + (10 + i), null));
    }
    return NodeDirectory.of(nodes);
  }

  private static ConfigCheck scale(String nodeIds) {
    return scale(nodeIds, directory());
  }

  private static ConfigCheck scale(String nodeIds, NodeDirectory directory) {
    ScaleQingStorAccessRequest request = scaleAccess("{\"node_ids\": " + nodeIds + "}");
    return VALIDATOR.validateScaleAccess(request, seedConfig(), directory);
  }

  @Test
  void seedScaleExampleAppendsNodesAndVipsToTheIntranet() {
    ConfigCheck check = scale("""
        [{"node_id": "n-test7", "vip": "172.16.0.201"},
         {"node_id": "n-test8", "vip": "172.16.0.202"},
         {"node_id": "n-test9", "vip": "172.16.0.203"}]""");

    assertThat(check.errors()).isEmpty();
    AccessNetwork intranet = check.config().accessNodes().intranet();
    assertThat(check.config().accessNodeIds()).containsExactly(
        "node_test1", "node_test2", "node_test3", "n-test7", "n-test8", "n-test9");
    assertThat(intranet.vips()).containsExactly("172.17.0.13", "172.17.0.14", "172.17.0.15",
        "172.16.0.201", "172.16.0.202", "172.16.0.203");
    assertThat(intranet.bridgeVip()).isEqualTo("172.17.0.100");
    assertThat(check.config().storageNodes()).isEqualTo(seedConfig().storageNodes());
  }

  @Test
  void nodeIdsMustNotBeEmpty() {
    assertOnlyError(scale("[]"), "node_ids", "at least one");
  }

  @Test
  void nodeIdsAreRequired() {
    ConfigCheck check = VALIDATOR.validateScaleAccess(
        new ScaleQingStorAccessRequest(null, null), seedConfig(), directory());

    assertOnlyError(check, "node_ids", "at least one");
  }

  @Test
  void existingAccessNodeCannotBeAddedAgain() {
    assertOnlyError(scale("[{\"node_id\": \"192.168.10.12\", \"vip\": \"172.16.0.201\"}]"),
        "node_ids[0].node_id", "'node_test2' is already an access node");
  }

  @Test
  void storageNodeMayBecomeAnAccessNode() {
    ConfigCheck check = scale("[{\"node_id\": \"node_test4\", \"vip\": \"172.16.0.201\"}]");

    assertThat(check.errors()).isEmpty();
    assertThat(check.config().accessNodeIds()).contains("node_test4");
  }

  @Test
  void nodeListedTwiceInTheRequestIsAnError() {
    assertOnlyError(scale("""
        [{"node_id": "n-test7", "vip": "172.16.0.201"},
         {"node_id": "192.168.10.17", "vip": "172.16.0.202"}]"""),
        "node_ids[1].node_id", "'n-test7' is listed twice (also node_ids[0])");
  }

  @Test
  void unknownNodeIsAnError() {
    assertOnlyError(scale("[{\"node_id\": \"n-test99\", \"vip\": \"172.16.0.201\"}]"),
        "node_ids[0].node_id", "unknown node 'n-test99'");
  }

  @Test
  void unregisteredIpIsListedToRegister() {
    ConfigCheck check = scale("[{\"node_id\": \"10.0.0.7\", \"vip\": \"172.16.0.201\"}]");

    assertThat(check.errors()).isEmpty();
    assertThat(check.ipsToRegister()).containsExactly("10.0.0.7");
  }

  @Test
  void vipMustBeIpv4() {
    assertOnlyError(scale("[{\"node_id\": \"n-test7\", \"vip\": \"172.16.0\"}]"),
        "node_ids[0].vip", "not an IPv4 address");
  }

  @Test
  void vipIsRequired() {
    assertOnlyError(scale("[{\"node_id\": \"n-test7\"}]"), "node_ids[0].vip", "missing");
  }

  @Test
  void vipGivenTwiceInTheRequestIsAnError() {
    assertOnlyError(scale("""
        [{"node_id": "n-test7", "vip": "172.16.0.201"},
         {"node_id": "n-test8", "vip": "172.16.0.201"}]"""),
        "node_ids[1].vip", "already used by node_ids[0].vip");
  }

  @Test
  void vipInUseByTheDeployedConfigIsAnError() {
    assertOnlyError(scale("[{\"node_id\": \"n-test7\", \"vip\": \"172.17.0.14\"}]"),
        "node_ids[0].vip", "already used by the deployed access_nodes.intranet.vips[1]");
  }

  @Test
  void deployedBridgeVipIsInUse() {
    assertOnlyError(scale("[{\"node_id\": \"n-test7\", \"vip\": \"172.17.0.100\"}]"),
        "node_ids[0].vip", "already used by the deployed access_nodes.intranet.bridge_vip");
  }

  @Test
  void vipThatIsANodeIpIsAnError() {
    assertOnlyError(scale("[{\"node_id\": \"n-test7\", \"vip\": \"192.168.10.18\"}]"),
        "node_ids[0].vip", "is the IP of node 'n-test8'");
  }

  @Test
  void vipThatIsAnIpToRegisterIsAnError() {
    assertOnlyError(scale("""
        [{"node_id": "n-test7", "vip": "10.0.0.8"},
         {"node_id": "10.0.0.8", "vip": "172.16.0.202"}]"""),
        "node_ids[0].vip", "is the IP of node '10.0.0.8'");
  }

  @Test
  void newNodeWithoutTheIntranetInterfaceIsAnError() {
    List<KnownNode> nodes = new ArrayList<>(seedNodes());
    KnownNode seven = Fixtures.withFacts(7, List.of("ens3"), List.of());
    nodes.add(new KnownNode("n-test7", "192.168.10.17", seven.facts()));

    assertOnlyError(scale("[{\"node_id\": \"n-test7\", \"vip\": \"172.16.0.201\"}]",
        NodeDirectory.of(nodes)), "node_ids[0].node_id", "has no interface 'eth0'");
  }

  @Test
  void everyEntryIsCheckedInOnePass() {
    ConfigCheck check = scale("""
        [{"node_id": "node_test1", "vip": "172.17.0.13"},
         {"node_id": "ghost", "vip": "bad"}]""");

    assertThat(check.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
        "node_ids[0].node_id", "node_ids[0].vip", "node_ids[1].node_id", "node_ids[1].vip");
  }

  @Test
  void scaledConfigStillShortOfThreeAccessNodesWarns() {
    ConfigCheck check = VALIDATOR.validateScaleAccess(
        scaleAccess("{\"node_ids\": [{\"node_id\": \"node_test2\", \"vip\": \"172.16.0.202\"}]}"),
        oneAccessNodeConfig(), seedDirectory());

    assertThat(check.ok()).isTrue();
    assertThat(check.warnings()).extracting(FieldError::field)
        .containsExactly("access_nodes.intranet.nodes");
  }

  private static PlatformConfig oneAccessNodeConfig() {
    var json = Fixtures.seedJson();
    Fixtures.intranet(json).set("nodes", Fixtures.strings("node_test1"));
    Fixtures.intranet(json).set("vips", Fixtures.strings("172.17.0.13"));
    return Fixtures.validate(json).config();
  }
}
