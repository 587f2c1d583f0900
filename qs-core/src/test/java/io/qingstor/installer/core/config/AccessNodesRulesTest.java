package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Fixtures.assertOnlyError;
import static io.qingstor.installer.core.config.Fixtures.intranet;
import static io.qingstor.installer.core.config.Fixtures.parse;
import static io.qingstor.installer.core.config.Fixtures.qsConf;
import static io.qingstor.installer.core.config.Fixtures.seedJson;
import static io.qingstor.installer.core.config.Fixtures.strings;
import static io.qingstor.installer.core.config.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qingstor.installer.api.FieldError;
import org.junit.jupiter.api.Test;

class AccessNodesRulesTest {
  private static final String EXTERNAL = """
      {"interface": "eth1", "nodes": ["node_test1", "node_test2", "node_test3"],
       "vips": ["10.8.0.13", "10.8.0.14", "10.8.0.15"], "bridge_vip": "10.8.0.100"}""";

  @Test
  void missingAccessNodesIsAnError() {
    ObjectNode json = seedJson();
    json.remove("access_nodes");

    assertOnlyError(validate(json), "access_nodes", "missing");
  }

  @Test
  void missingIntranetIsAnError() {
    ObjectNode json = seedJson();
    ((ObjectNode) json.get("access_nodes")).remove("intranet");

    assertOnlyError(validate(json), "access_nodes.intranet", "missing");
  }

  @Test
  void interfaceMustBeALinuxInterfaceName() {
    for (String bad : new String[] {"eth 0", "", ".", "..", "a-very-long-ifname", "eth0/1"}) {
      ObjectNode json = seedJson();
      intranet(json).put("interface", bad);

      assertOnlyError(validate(json), "access_nodes.intranet.interface", "not a Linux interface");
    }
  }

  @Test
  void interfaceWithVlanOrAliasSuffixIsAccepted() {
    for (String good : new String[] {"eth0.100", "bond0:1", "enp3s0f1", "br-ex_1"}) {
      ObjectNode json = seedJson();
      intranet(json).put("interface", good);

      assertThat(validate(json).errors()).as(good).isEmpty();
    }
  }

  @Test
  void interfaceIsRequired() {
    ObjectNode json = seedJson();
    intranet(json).remove("interface");

    assertOnlyError(validate(json), "access_nodes.intranet.interface", "missing");
  }

  @Test
  void nodesMustNotBeEmpty() {
    ObjectNode json = seedJson();
    intranet(json).set("nodes", strings());
    intranet(json).set("vips", strings());

    assertOnlyError(validate(json), "access_nodes.intranet.nodes", "at least one node");
  }

  @Test
  void nodeListedTwiceIsAnError() {
    ObjectNode json = seedJson();
    intranet(json).set("nodes", strings("node_test1", "node_test2", "node_test1"));

    assertOnlyError(validate(json), "access_nodes.intranet.nodes[2]",
        "listed twice (also access_nodes.intranet.nodes[0])");
  }

  @Test
  void nodeListedOnceByIdAndOnceByIpIsListedTwice() {
    ObjectNode json = seedJson();
    intranet(json).set("nodes", strings("node_test1", "node_test2", "192.168.10.11"));

    assertOnlyError(validate(json), "access_nodes.intranet.nodes[2]", "'node_test1' is listed twice");
  }

  @Test
  void vipMustBeIpv4() {
    ObjectNode json = seedJson();
    intranet(json).set("vips", strings("172.17.0.13", "vip2", "172.17.0.15"));

    assertOnlyError(validate(json), "access_nodes.intranet.vips[1]", "not an IPv4 address");
  }

  @Test
  void vipsAreRequired() {
    ObjectNode json = seedJson();
    intranet(json).remove("vips");

    assertOnlyError(validate(json), "access_nodes.intranet.vips", "missing");
  }

  @Test
  void exactlyOneVipPerNodeIsRequired() {
    ObjectNode json = seedJson();
    intranet(json).set("vips", strings("172.17.0.13", "172.17.0.14"));

    assertOnlyError(validate(json), "access_nodes.intranet.vips", "has 2 VIP(s) for 3 node(s)");
  }

  @Test
  void duplicateVipIsAnError() {
    ObjectNode json = seedJson();
    intranet(json).set("vips", strings("172.17.0.13", "172.17.0.14", "172.17.0.13"));

    assertOnlyError(validate(json), "access_nodes.intranet.vips[2]",
        "already used by access_nodes.intranet.vips[0]");
  }

  @Test
  void bridgeVipMustBeIpv4() {
    ObjectNode json = seedJson();
    intranet(json).put("bridge_vip", "172.17.0");

    assertOnlyError(validate(json), "access_nodes.intranet.bridge_vip", "not an IPv4 address");
  }

  @Test
  void bridgeVipIsRequired() {
    ObjectNode json = seedJson();
    intranet(json).remove("bridge_vip");

    assertOnlyError(validate(json), "access_nodes.intranet.bridge_vip", "missing");
  }

  @Test
  void bridgeVipMustDifferFromTheVips() {
    ObjectNode json = seedJson();
    intranet(json).put("bridge_vip", "172.17.0.14");

    assertOnlyError(validate(json), "access_nodes.intranet.bridge_vip",
        "already used by access_nodes.intranet.vips[1]");
  }

  @Test
  void bridgeVipMustDifferFromEveryNodeIp() {
    ObjectNode json = seedJson();
    intranet(json).put("bridge_vip", "192.168.10.15");

    assertOnlyError(validate(json), "access_nodes.intranet.bridge_vip",
        "is the IP of node 'node_test5'");
  }

  @Test
  void vipMustDifferFromARegisteredNodeIpEvenOfANodeOutsideTheConfig() {
    ObjectNode json = seedJson();
    intranet(json).set("vips", strings("172.17.0.13", "172.17.0.14", "192.168.10.16"));
    ((ObjectNode) Fixtures.cluster(json, 0)).set("nodes", strings("node_test4", "node_test5",
        "192.168.10.99"));

    assertOnlyError(validate(json), "access_nodes.intranet.vips[2]",
        "is the IP of node 'node_test6'");
  }

  @Test
  void vipMustDifferFromAnIpToRegister() {
    ObjectNode json = seedJson();
    intranet(json).set("vips", strings("172.17.0.13", "172.17.0.14", "192.168.10.99"));
    ((ObjectNode) Fixtures.cluster(json, 0)).set("nodes", strings("node_test4", "node_test5",
        "192.168.10.99"));

    assertOnlyError(validate(json), "access_nodes.intranet.vips[2]",
        "is the IP of node '192.168.10.99'");
  }

  @Test
  void vipMustDifferFromTheFirstbox() {
    ObjectNode json = seedJson();
    qsConf(json).put("firstbox", "172.17.0.14");

    assertOnlyError(validate(json), "access_nodes.intranet.vips[1]",
        "already used by qs_conf.firstbox");
  }

  @Test
  void hasExternalTrueRequiresTheExternalNetwork() {
    ObjectNode json = seedJson();
    ((ObjectNode) json.get("access_nodes")).put("has_external", true);

    assertOnlyError(validate(json), "access_nodes.external", "has_external is true");
  }

  @Test
  void externalNetworkWithoutHasExternalIsAnError() {
    ObjectNode json = seedJson();
    ((ObjectNode) json.get("access_nodes")).set("external", parse(EXTERNAL));

    assertOnlyError(validate(json), "access_nodes.external", "has_external is not true");
  }

  @Test
  void externalNetworkWithHasExternalIsAcceptedAndKept() {
    ObjectNode json = seedJson();
    ((ObjectNode) json.get("access_nodes")).put("has_external", 1);
    ((ObjectNode) json.get("access_nodes")).set("external", parse(EXTERNAL));

    ConfigCheck check = validate(json);

    assertThat(check.errors()).isEmpty();
    assertThat(check.config().accessNodes().hasExternal()).isTrue();
    assertThat(check.config().accessNodes().external().networkInterface()).isEqualTo("eth1");
  }

  @Test
  void externalNetworkIsCheckedLikeTheIntranet() {
    ObjectNode json = seedJson();
    ((ObjectNode) json.get("access_nodes")).put("has_external", true);
    ObjectNode external = parse(EXTERNAL);
    external.put("interface", "eth 1");
    external.set("nodes", strings("node_test1", "ghost", "node_test3"));
    ((ObjectNode) json.get("access_nodes")).set("external", external);

    assertThat(validate(json).errors()).extracting(FieldError::field).containsExactly(
        "access_nodes.external.interface", "access_nodes.external.nodes[1]");
  }

  @Test
  void externalVipMustDifferFromIntranetVips() {
    ObjectNode json = seedJson();
    ((ObjectNode) json.get("access_nodes")).put("has_external", true);
    ObjectNode external = parse(EXTERNAL);
    external.put("bridge_vip", "172.17.0.100");
    ((ObjectNode) json.get("access_nodes")).set("external", external);

    assertOnlyError(validate(json), "access_nodes.external.bridge_vip",
        "already used by access_nodes.intranet.bridge_vip");
  }

  @Test
  void hasExternalFalseIsRecordedWhenAbsent() {
    assertThat(Fixtures.seedConfig().accessNodes().hasExternal()).isFalse();
  }

  @Test
  void fewerThanThreeAccessNodesIsAcceptedWithAWarning() {
    ObjectNode json = seedJson();
    intranet(json).set("nodes", strings("node_test1", "node_test2"));
    intranet(json).set("vips", strings("172.17.0.13", "172.17.0.14"));

    ConfigCheck check = validate(json);

    assertThat(check.ok()).isTrue();
    assertThat(check.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.field()).isEqualTo("access_nodes.intranet.nodes");
      assertThat(warning.message()).contains("2 access node(s)", "not highly available");
    });
  }

  @Test
  void threeAccessNodesGiveNoWarning() {
    assertThat(validate(seedJson()).warnings()).isEmpty();
  }
}
