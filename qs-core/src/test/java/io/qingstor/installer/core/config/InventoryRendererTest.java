package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Fixtures.resource;
import static io.qingstor.installer.core.config.Fixtures.seedConfig;
import static io.qingstor.installer.core.config.Fixtures.seedJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryRendererTest {
  private static final InventoryRenderer RENDERER = new InventoryRenderer();

  /** A host per seed node (root on port 22) with a rack var; node_test1's needs quoting. */
  static List<InventoryHost> seedHosts() {
    List<InventoryHost> hosts = new ArrayList<>();
    for (KnownNode node : Fixtures.seedNodes()) {
      String rack = node.nodeId().equals("node_test1") ? "rack \"A\" #1" : "r" + node.ip().charAt(12);
      hosts.add(new InventoryHost(node.nodeId(), node.ip(), 22, "root",
          Map.of("rack", rack, "dc", "pek3")));
    }
    return hosts;
  }

  @Test
  void seedConfigRendersTheGoldenInventory() {
    assertThat(RENDERER.render(seedConfig(), seedHosts()))
        .isEqualTo(resource("seed-inventory.ini"));
  }

  @Test
  void firstboxThatIsARegisteredHostUsesItsHostLine() {
    ObjectNode json = seedJson();
    Fixtures.qsConf(json).put("firstbox", "192.168.10.11");
    List<InventoryHost> hosts = new ArrayList<>(seedHosts());
    hosts.set(0, new InventoryHost("node_test1", "192.168.10.11", 2222, "admin", Map.of()));

    String inventory = RENDERER.render(Fixtures.validate(json).config(), hosts);

    assertThat(inventory).contains("[firstbox]\nnode_test1 ansible_host=192.168.10.11"
        + " ansible_port=2222 ansible_user=admin\n\n[access]\n");
  }

  @Test
  void everyStorageClusterGetsItsOwnGroup() {
    ObjectNode json = seedJson();
    ObjectNode second = Fixtures.cluster(json, 0).deepCopy();
    second.put("cluster_id", 1);
    second.set("nodes", Fixtures.strings("node_test1", "node_test2", "node_test3"));
    ((ArrayNode) json.get("storage_nodes")).add(second);

    String inventory = RENDERER.render(Fixtures.validate(json).config(), seedHosts());

    assertThat(inventory).contains("[storage_cluster_0]\nnode_test4 ", "[storage_cluster_1]\n"
        + "node_test1 ");
    assertThat(inventory.indexOf("[storage_cluster_0]"))
        .isLessThan(inventory.indexOf("[storage_cluster_1]"));
  }

  @Test
  void nodeWithoutAHostIsRefused() {
    List<InventoryHost> hosts = new ArrayList<>(seedHosts());
    hosts.remove(4);

    assertThatThrownBy(() -> RENDERER.render(seedConfig(), hosts))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node_test5");
  }

  @Test
  void twoHostsForOneNodeAreRefused() {
    List<InventoryHost> hosts = new ArrayList<>(seedHosts());
    hosts.add(hosts.get(0));

    assertThatThrownBy(() -> RENDERER.render(seedConfig(), hosts))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node_test1");
  }

  @Test
  void safeValuesAreBareAndOthersAreDoubleQuotedWithEscapes() {
    assertThat(InventoryRenderer.value("/opt/qingstor")).isEqualTo("/opt/qingstor");
    assertThat(InventoryRenderer.value("a b")).isEqualTo("\"a b\"");
    assertThat(InventoryRenderer.value("x=1 # y")).isEqualTo("\"x=1 # y\"");
    assertThat(InventoryRenderer.value("say \"hi\" \\o/")).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
    assertThat(InventoryRenderer.value("")).isEqualTo("\"\"");
  }

  @Test
  void varNamedLikeASecretIsRefused() {
    for (String name : List.of("ansible_password", "ansible_ssh_pass", "ssh_private_key_file",
        "api_token", "db_secret")) {
      assertThatThrownBy(() -> new InventoryHost("n1", "10.0.0.1", 22, "root", Map.of(name, "x")))
          .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secrets");
    }
  }

  @Test
  void varOverridingTheConnectionIsRefused() {
    assertThatThrownBy(() -> new InventoryHost("n1", "10.0.0.1", 22, "root",
        Map.of("ansible_host", "10.0.0.2"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noAnsibleVariableReachesAHostLine() {
    for (String name : List.of("ansible_ssh_common_args", "ansible_become",
        "ansible_python_interpreter")) {
      assertThatThrownBy(() -> new InventoryHost("n1", "10.0.0.1", 22, "root",
          Map.of(name, "-o ProxyCommand=x"))).as(name)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ansible_*");
    }
  }

  @Test
  void varValueWithANewlineIsRefused() {
    assertThatThrownBy(() -> new InventoryHost("n1", "10.0.0.1", 22, "root",
        Map.of("rack", "a\n[all]"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control character");
  }

  @Test
  void hostFieldsThatCouldBreakTheIniAreRefused() {
    assertThatThrownBy(() -> new InventoryHost("n 1", "10.0.0.1", 22, "root", Map.of()))
        .hasMessageContaining("nodeId");
    assertThatThrownBy(() -> new InventoryHost("[n1]", "10.0.0.1", 22, "root", Map.of()))
        .hasMessageContaining("nodeId");
    assertThatThrownBy(() -> new InventoryHost("n1", "10.0.0.1 x=1", 22, "root", Map.of()))
        .hasMessageContaining("ip");
    assertThatThrownBy(() -> new InventoryHost("n1", "10.0.0.1", 0, "root", Map.of()))
        .hasMessageContaining("sshPort");
    assertThatThrownBy(() -> new InventoryHost("n1", "10.0.0.1", 22, "root x", Map.of()))
        .hasMessageContaining("sshUser");
  }
}
