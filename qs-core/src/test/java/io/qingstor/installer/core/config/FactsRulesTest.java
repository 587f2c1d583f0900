package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Fixtures.assertOnlyError;
import static io.qingstor.installer.core.config.Fixtures.cluster;
import static io.qingstor.installer.core.config.Fixtures.parse;
import static io.qingstor.installer.core.config.Fixtures.seedDirectoryWith;
import static io.qingstor.installer.core.config.Fixtures.seedJson;
import static io.qingstor.installer.core.config.Fixtures.validate;
import static io.qingstor.installer.core.config.Fixtures.withFacts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qingstor.installer.api.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactsRulesTest {

  @Test
  void accessNodeWithTheDeclaredInterfacePasses() {
    NodeDirectory nodes = seedDirectoryWith(withFacts(2, List.of("lo", "eth0"), List.of("sda")));

    assertThat(validate(seedJson(), nodes).errors()).isEmpty();
  }

  @Test
  void accessNodeWithoutTheDeclaredInterfaceIsAnErrorNamingWhatItHas() {
    NodeDirectory nodes = seedDirectoryWith(withFacts(2, List.of("lo", "ens3"), List.of("sda")));

    assertOnlyError(validate(seedJson(), nodes), "access_nodes.intranet.nodes[1]",
        "node 'node_test2' has no interface 'eth0' (it has: lo, ens3)");
  }

  @Test
  void accessNodeWithoutTheExternalInterfaceIsAnError() {
    ObjectNode json = seedJson();
    ((ObjectNode) json.get("access_nodes")).put("has_external", true);
    ((ObjectNode) json.get("access_nodes")).set("external", parse("""
        {"interface": "eth1", "nodes": ["node_test1", "node_test2", "node_test3"],
         "vips": ["10.8.0.13", "10.8.0.14", "10.8.0.15"], "bridge_vip": "10.8.0.100"}"""));
    NodeDirectory nodes = seedDirectoryWith(withFacts(3, List.of("eth0"), List.of()));

    assertOnlyError(validate(json, nodes), "access_nodes.external.nodes[2]",
        "node 'node_test3' has no interface 'eth1' (it has: eth0)");
  }

  @Test
  void storageNodeWithEveryDeclaredDevicePasses() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("block", "sdc,sdd");
    NodeDirectory nodes = seedDirectoryWith(withFacts(5, List.of(), List.of("sda", "sdc", "sdd")));

    assertThat(validate(json, nodes).errors()).isEmpty();
  }

  @Test
  void storageNodeMissingDevicesGetsAnErrorPerDevice() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("block", "sdc,sdd,sde");
    NodeDirectory nodes = seedDirectoryWith(withFacts(5, List.of(), List.of("sda", "sdd")));

    List<FieldError> errors = validate(json, nodes).errors();

    assertThat(errors).extracting(FieldError::field)
        .containsExactly("storage_nodes[0].nodes[1]", "storage_nodes[0].nodes[1]");
    assertThat(errors).extracting(FieldError::message).containsExactly(
        "node 'node_test5' has no block device 'sdc' (it has: sda, sdd)",
        "node 'node_test5' has no block device 'sde' (it has: sda, sdd)");
  }

  @Test
  void nodeWithFactsListingNothingSaysItHasNone() {
    NodeDirectory nodes = seedDirectoryWith(withFacts(4, List.of(), List.of()));

    assertOnlyError(validate(seedJson(), nodes), "storage_nodes[0].nodes[0]", "(it has: none)");
  }

  @Test
  void nodesWithoutFactsAreNotChecked() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("block", "sdz");

    assertThat(validate(json).errors()).isEmpty();
  }
}
