package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Fixtures.parse;
import static io.qingstor.installer.core.config.Fixtures.seedJson;
import static io.qingstor.installer.core.config.Fixtures.seedNodes;
import static io.qingstor.installer.core.config.Fixtures.validate;
import static io.qingstor.installer.core.config.Fixtures.withFacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.model.StorageClusterSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

  @Test
  void seedExampleValidatesClean() {
    ConfigCheck check = validate(seedJson());

    assertThat(check.ok()).isTrue();
    assertThat(check.errors()).isEmpty();
    assertThat(check.warnings()).isEmpty();
    assertThat(check.ipsToRegister()).isEmpty();
    assertThat(check.config().accessNodeIds())
        .containsExactly("node_test1", "node_test2", "node_test3");
    assertThat(check.config().storageNodeIds())
        .containsExactly("node_test4", "node_test5", "node_test6");
    assertThat(check.config().qsConf().accessNodes()).isNull();
  }

  @Test
  void seedExampleKeepsEverySettingItGave() {
    StorageClusterSpec cluster = validate(seedJson()).config().storageNodes().get(0);

    assertThat(cluster).isEqualTo(new StorageClusterSpec(0, "vol0", "replicate", 2, 3, false,
        "standard", false, 2, "sdc", cluster.nodes()));
  }

  /**
   * One error of every kind that can stand together (an {@code external} block can be missing
   * while {@code has_external} is true, or given while it is not, but not both: those two have
   * tests of their own in {@link AccessNodesRulesTest}).
   */
  @Test
  void everyProblemIsReportedAtOnceWithItsPath() {
    ObjectNode json = parse("""
        {
          "qs_conf": {
            "firstbox": "10.0.0.256",
            "ansible_ssh_pass": "",
            "zone_id": "Test",
            "global_domain": "stor..test.com",
            "qs_network": ["192.168.10.0/33"],
            "bad-key": 1,
            "access_nodes": {"intranet": {"interface": "eth0", "nodes": ["node_test1"],
                             "vips": ["10.9.0.1"], "bridge_vip": "10.9.0.2"}}
          },
          "access_nodes": {
            "intranet": {
              "interface": "eth 0",
              "nodes": ["ghost", "node_test1", "192.168.10.11"],
              "vips": ["172.17.0.300", "172.17.0.14", "172.17.0.14", "172.17.0.16"],
              "bridge_vip": "192.168.10.12"
            },
            "has_external": true,
            "external": {"interface": "eth1", "nodes": ["node_test2"],
                         "vips": ["10.1.0.1"], "bridge_vip": "10.1.0.100"}
          },
          "storage_nodes": [
            {"cluster_id": 0, "volume": "vol 0", "vol_type": "replicate", "replica": 2,
             "storage_class": "cold", "brick_count": 0, "block": "sdc", "nodes": ["node_test4"]},
            {"cluster_id": 5, "vol_type": "replicate", "replica": 3, "brick_count": 1,
             "block": "sdc", "nodes": ["node_test4", "node_test5"]},
            {"cluster_id": 2, "vol_type": "mirror", "brick_count": 1, "block": "sd c",
             "nodes": ["node_test6"]},
            {"cluster_id": 2, "vol_type": "ec", "ec_type": 26, "brick_count": 1, "block": "sdc",
             "nodes": []}
          ]
        }""");
    List<KnownNode> nodes = new ArrayList<>(seedNodes());
    nodes.set(1, withFacts(2, List.of("eth0"), List.of()));
    nodes.set(3, withFacts(4, List.of(), List.of("sda")));

    ConfigCheck check = validate(json, NodeDirectory.of(nodes));

    assertThat(check.config()).isNull();
    assertThat(check.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
        "qs_conf.access_nodes",
        "qs_conf.firstbox",
        "qs_conf.iaas_domain",
        "qs_conf.global_domain",
        "qs_conf.ansible_ssh_pass",
        "qs_conf.zone_id",
        "qs_conf.qs_network[0]",
        "qs_conf.bad-key",
        "access_nodes.intranet.interface",
        "access_nodes.intranet.nodes[0]",
        "access_nodes.intranet.nodes[2]",
        "access_nodes.intranet.vips[0]",
        "access_nodes.intranet.vips",
        "access_nodes.intranet.vips[2]",
        "access_nodes.intranet.bridge_vip",
        "access_nodes.external.nodes[0]",
        "storage_nodes[0].volume",
        "storage_nodes[0].replica",
        "storage_nodes[0].storage_class",
        "storage_nodes[0].brick_count",
        "storage_nodes[0].nodes[0]",
        "storage_nodes[1].cluster_id",
        "storage_nodes[1].nodes[0]",
        "storage_nodes[1].nodes",
        "storage_nodes[2].vol_type",
        "storage_nodes[2].block",
        "storage_nodes[3].cluster_id",
        "storage_nodes[3].ec_type",
        "storage_nodes[3].nodes");
    assertThat(check.errors()).extracting(FieldError::message)
        .anySatisfy(m -> assertThat(m).contains("unknown node 'ghost'"))
        .anySatisfy(m -> assertThat(m).contains("'node_test1' is listed twice"))
        .anySatisfy(m -> assertThat(m).contains("already used by access_nodes.intranet.vips[1]"))
        .anySatisfy(m -> assertThat(m).contains("is the IP of node 'node_test2'"))
        .anySatisfy(m -> assertThat(m).contains("has no interface 'eth1'"))
        .anySatisfy(m -> assertThat(m).contains("has no block device 'sdc'"))
        .anySatisfy(m -> assertThat(m).contains("already sits in storage_nodes[0]"))
        .anySatisfy(m -> assertThat(m).contains("multiple of 3"))
        .anySatisfy(m -> assertThat(m).contains("given twice"))
        .anySatisfy(m -> assertThat(m).contains("customed_zones"));
  }

  @Test
  void fiveThousandNodeConfigValidatesClean() {
    int accessCount = 1001;
    int storageCount = 3999;
    List<KnownNode> nodes = new ArrayList<>();
    for (int i = 0; i < accessCount + storageCount; i++) {
      nodes.add(new KnownNode(String.format("n-%05d", i), "10.1." + (i / 250) + "." + (i % 250 + 1),
          null));
    }
    ObjectNode json = seedJson();
    ObjectNode intranet = Fixtures.intranet(json);
    ArrayNode accessNodes = intranet.putArray("nodes");
    ArrayNode vips = intranet.putArray("vips");
    for (int i = 0; i < accessCount; i++) {
      // Every other node by IP, to exercise the look-up by address.
      accessNodes.add(i % 2 == 0 ? nodes.get(i).nodeId() : nodes.get(i).ip());
      vips.add("172.16." + (i / 250) + "." + (i % 250 + 1));
    }
    ObjectNode template = Fixtures.cluster(json, 0);
    ArrayNode clusters = json.putArray("storage_nodes");
    for (int c = 0; c < storageCount / 3; c++) {
      ObjectNode cluster = clusters.addObject().setAll(template.deepCopy());
      cluster.put("cluster_id", c);
      ArrayNode members = cluster.putArray("nodes");
      for (int k = 0; k < 3; k++) {
        members.add(nodes.get(accessCount + 3 * c + k).nodeId());
      }
    }

    ConfigCheck check = validate(json, NodeDirectory.of(nodes));

    assertThat(check.errors()).isEmpty();
    assertThat(check.config().allNodeIds()).hasSize(5000);
    assertThat(check.config().storageNodes()).hasSize(1333);
  }

  @Test
  void checkWithErrorsCannotCarryAConfig() {
    PlatformConfig config = Fixtures.seedConfig();
    List<FieldError> errors = List.of(new FieldError("qs_conf", "missing"));

    assertThatThrownBy(() -> new ConfigCheck(config, List.of(), errors, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConfigCheck(null, List.of(), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void directoryRefusesTwoNodesWithOneIp() {
    List<KnownNode> nodes = List.of(new KnownNode("a", "10.0.0.1", null),
        new KnownNode("b", "10.0.0.1", null));

    assertThatThrownBy(() -> NodeDirectory.of(nodes))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.1");
  }
}
