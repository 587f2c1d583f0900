package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Fixtures.assertOnlyError;
import static io.qingstor.installer.core.config.Fixtures.scaleStorage;
import static io.qingstor.installer.core.config.Fixtures.seedConfig;
import static io.qingstor.installer.core.config.Fixtures.seedNodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleStorageTest {
  private static final ConfigValidator VALIDATOR = new ConfigValidator();
  private static final String NEW_CLUSTER = """
      {"cluster_id": 1, "vol_type": "ec", "ec_type": 4, "brick_count": 1, "block": "sdb,sdc",
       "nodes": ["n-test14", "n-test15", "n-test16"]}""";

  /** The seed nodes plus n-test10..16 at 192.168.10.20..26. */
  private static NodeDirectory directory() {
    List<KnownNode> nodes = new ArrayList<>(seedNodes());
    for (int i = 10; i <= 16; i++) {
      nodes.add(new KnownNode("n-test" + i, "192.168.10." + (10 + i), null));
    }
    return NodeDirectory.of(nodes);
  }

  private static ConfigCheck scale(String... entries) {
    return scale(directory(), entries);
  }

  private static ConfigCheck scale(NodeDirectory directory, String... entries) {
    ScaleQingStorStorageRequest request =
        scaleStorage("{\"storage_nodes\": [" + String.join(",", entries) + "]}");
    return VALIDATOR.validateScaleStorage(request, seedConfig(), directory);
  }

  @Test
  void seedScaleExampleExtendsClusterZero() {
    ConfigCheck check = scale("""
        {"cluster_id": 0, "volume": "vol0", "vol_type": "replicate", "ec_type": 2, "replica": 3,
         "raid": false, "storage_class": "standard", "readonly": false, "brick_count": 2,
         "block": "sdc", "nodes": [{"node_id": "n-test11"}, {"node_id": "n-test12"},
                                   {"node_id": "n-test13"}]}""");

    assertThat(check.errors()).isEmpty();
    assertThat(check.config().storageNodes()).hasSize(1);
    assertThat(check.config().storageNodeIds()).containsExactly(
        "node_test4", "node_test5", "node_test6", "n-test11", "n-test12", "n-test13");
    assertThat(check.config().accessNodes()).isEqualTo(seedConfig().accessNodes());
  }

  @Test
  void extensionMayLeaveEverySettingOut() {
    ConfigCheck check = scale("{\"cluster_id\": 0, \"nodes\": [\"n-test11\", \"n-test12\","
        + " \"n-test13\"]}");

    assertThat(check.errors()).isEmpty();
    assertThat(check.config().cluster(0).orElseThrow().volume()).isEqualTo("vol0");
  }

  @Test
  void extensionWithMismatchedSettingsReportsEachOne() {
    ConfigCheck check = scale("""
        {"cluster_id": 0, "volume": "vol1", "vol_type": "ec", "ec_type": 3, "replica": 1,
         "raid": true, "storage_class": "standard_ia", "readonly": true, "brick_count": 4,
         "block": "sdd", "nodes": ["n-test11", "n-test12", "n-test13"]}""");

    assertThat(check.errors()).extracting(FieldError::field).containsExactly(
        "storage_nodes[0].volume", "storage_nodes[0].vol_type", "storage_nodes[0].ec_type",
        "storage_nodes[0].replica", "storage_nodes[0].storage_class",
        "storage_nodes[0].brick_count", "storage_nodes[0].block", "storage_nodes[0].raid",
        "storage_nodes[0].readonly");
    assertThat(check.errors().get(0).message()).isEqualTo("must match deployed storage cluster 0,"
        + " whose volume is vol0 (leave it out to keep it), not vol1");
  }

  @Test
  void settingTheDeployedClusterLeftOutCannotBeAddedByAnExtension() {
    var json = Fixtures.seedJson();
    Fixtures.cluster(json, 0).remove("ec_type");
    PlatformConfig deployed = Fixtures.validate(json).config();
    ScaleQingStorStorageRequest request = scaleStorage("{\"storage_nodes\": [{\"cluster_id\": 0,"
        + " \"ec_type\": 4, \"nodes\": [\"n-test11\", \"n-test12\", \"n-test13\"]}]}");

    assertOnlyError(VALIDATOR.validateScaleStorage(request, deployed, directory()),
        "storage_nodes[0].ec_type", "whose ec_type is not set (leave it out to keep it), not 4");
  }

  @Test
  void extensionMustKeepTheReplicaMultiple() {
    assertOnlyError(scale("{\"cluster_id\": 0, \"nodes\": [\"n-test11\", \"n-test12\"]}"),
        "storage_nodes[0].nodes", "adds 2 node(s): with replica 3");
  }

  @Test
  void extensionCannotTakeANodeAlreadyInACluster() {
    assertOnlyError(scale("{\"cluster_id\": 0, \"nodes\": [\"n-test11\", \"192.168.10.15\","
        + " \"n-test13\"]}"), "storage_nodes[0].nodes[1]",
        "'node_test5' already sits in deployed storage cluster 0");
  }

  @Test
  void extensionNodesMustHaveTheClusterDevices() {
    List<KnownNode> nodes = new ArrayList<>(seedNodes());
    for (int i = 11; i <= 13; i++) {
      nodes.add(new KnownNode("n-test" + i, "192.168.10." + (10 + i),
          Fixtures.withFacts(i, List.of(), List.of(i == 12 ? "sdb" : "sdc")).facts()));
    }

    assertOnlyError(scale(NodeDirectory.of(nodes),
        "{\"cluster_id\": 0, \"nodes\": [\"n-test11\", \"n-test12\", \"n-test13\"]}"),
        "storage_nodes[0].nodes[1]", "'n-test12' has no block device 'sdc' (it has: sdb)");
  }

  @Test
  void nextClusterIdAddsACluster() {
    ConfigCheck check = scale(NEW_CLUSTER);

    assertThat(check.errors()).isEmpty();
    StorageClusterSpec added = check.config().cluster(1).orElseThrow();
    assertThat(added.volume()).isEqualTo("vol0");
    assertThat(added.storageClass()).isEqualTo("standard");
    assertThat(check.config().storageNodes()).extracting(StorageClusterSpec::clusterId)
        .containsExactly(0, 1);
  }

  @Test
  void newClusterIsCheckedLikeAConfigCluster() {
    ConfigCheck check = scale("""
        {"cluster_id": 1, "vol_type": "replicate", "replica": 2, "brick_count": 0,
         "block": "sd b", "nodes": ["n-test14", "n-test14"]}""");

    assertThat(check.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
        "storage_nodes[0].replica", "storage_nodes[0].brick_count", "storage_nodes[0].block",
        "storage_nodes[0].nodes[1]");
  }

  @Test
  void newClusterWithReplicaOneWarns() {
    ConfigCheck check = scale("""
        {"cluster_id": 1, "vol_type": "replicate", "replica": 1, "brick_count": 1,
         "block": "sdb", "nodes": ["n-test14"]}""");

    assertThat(check.ok()).isTrue();
    assertThat(check.warnings()).extracting(FieldError::field)
        .containsExactly("storage_nodes[0].replica");
  }

  @Test
  void newClustersInOneRequestMustBeSequential() {
    ConfigCheck check = scale(NEW_CLUSTER, NEW_CLUSTER.replace("\"cluster_id\": 1", "\"cluster_id\": 3")
        .replace("n-test14\", \"n-test15\", \"n-test16", "n-test10\", \"n-test11\", \"n-test12"));

    assertOnlyError(check, "storage_nodes[1].cluster_id",
        "cluster_id 3 is neither a deployed cluster (0 to 0) nor the next one (2)");
  }

  @Test
  void twoNewClustersInSequenceAreAccepted() {
    ConfigCheck check = scale(NEW_CLUSTER, NEW_CLUSTER.replace("\"cluster_id\": 1", "\"cluster_id\": 2")
        .replace("n-test14\", \"n-test15\", \"n-test16", "n-test10\", \"n-test11\", \"n-test12"));

    assertThat(check.errors()).isEmpty();
    assertThat(check.config().storageNodes()).hasSize(3);
  }

  @Test
  void clusterIdThatSkipsTheNextOneIsAnError() {
    assertOnlyError(scale(NEW_CLUSTER.replace("\"cluster_id\": 1", "\"cluster_id\": 2")),
        "storage_nodes[0].cluster_id", "nor the next one (1)");
  }

  @Test
  void clusterIdIsRequired() {
    assertOnlyError(scale(NEW_CLUSTER.replace("\"cluster_id\": 1,", "")),
        "storage_nodes[0].cluster_id", "missing: a deployed cluster_id to extend, or 1");
  }

  @Test
  void clusterIdGivenTwiceIsAnError() {
    assertOnlyError(scale("{\"cluster_id\": 0, \"nodes\": [\"n-test11\", \"n-test12\", \"n-test13\"]}",
        "{\"cluster_id\": 0, \"nodes\": [\"n-test14\", \"n-test15\", \"n-test16\"]}"),
        "storage_nodes[1].cluster_id", "cluster_id 0 is given twice (also storage_nodes[0])");
  }

  @Test
  void newClusterCannotTakeANodeTheSameRequestAddsElsewhere() {
    ConfigCheck check = scale(
        "{\"cluster_id\": 0, \"nodes\": [\"n-test14\", \"n-test12\", \"n-test13\"]}", NEW_CLUSTER);

    assertOnlyError(check, "storage_nodes[1].nodes[0]", "'n-test14' already sits in storage_nodes[0]");
  }

  @Test
  void storageNodesMustNotBeEmpty() {
    assertOnlyError(scale(), "storage_nodes", "at least one storage cluster to extend or add");
  }

  @Test
  void nodeIdsIsAcceptedAsAliasOfStorageNodes() {
    ScaleQingStorStorageRequest request = scaleStorage("{\"node_ids\": [" + NEW_CLUSTER + "]}");

    ConfigCheck check = VALIDATOR.validateScaleStorage(request, seedConfig(), directory());

    assertThat(check.errors()).isEmpty();
  }

  @Test
  void unregisteredIpInAScaleRequestIsListedToRegister() {
    ConfigCheck check = scale("{\"cluster_id\": 0, \"nodes\": [\"10.0.0.1\", \"10.0.0.2\","
        + " \"10.0.0.3\"]}");

    assertThat(check.errors()).isEmpty();
    assertThat(check.ipsToRegister()).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
  }
}
