package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Fixtures.assertOnlyError;
import static io.qingstor.installer.core.config.Fixtures.cluster;
import static io.qingstor.installer.core.config.Fixtures.seedJson;
import static io.qingstor.installer.core.config.Fixtures.strings;
import static io.qingstor.installer.core.config.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.model.StorageClusterSpec;
import org.junit.jupiter.api.Test;

class StorageRulesTest {

  /** The seed with a second cluster (id 1) on node_test1..3, which are also access nodes. */
  private static ObjectNode twoClusters() {
    ObjectNode json = seedJson();
    ObjectNode second = cluster(json, 0).deepCopy();
    second.put("cluster_id", 1);
    second.set("nodes", strings("node_test1", "node_test2", "node_test3"));
    ((ArrayNode) json.get("storage_nodes")).add(second);
    return json;
  }

  @Test
  void storageNodesMustNotBeEmpty() {
    ObjectNode json = seedJson();
    json.set("storage_nodes", json.arrayNode());

    assertOnlyError(validate(json), "storage_nodes", "at least one storage cluster");
  }

  @Test
  void storageNodesAreRequired() {
    ObjectNode json = seedJson();
    json.remove("storage_nodes");

    assertOnlyError(validate(json), "storage_nodes", "at least one storage cluster");
  }

  @Test
  void sequentialClusterIdsFromZeroAreAccepted() {
    ConfigCheck check = validate(twoClusters());

    assertThat(check.errors()).isEmpty();
    assertThat(check.config().storageNodes()).extracting(StorageClusterSpec::clusterId)
        .containsExactly(0, 1);
  }

  @Test
  void clusterIdsMustRunFromZeroInListOrder() {
    ObjectNode json = twoClusters();
    cluster(json, 1).put("cluster_id", 2);

    assertOnlyError(validate(json), "storage_nodes[1].cluster_id", "must be 1, not 2");
  }

  @Test
  void firstClusterIdMustBeZero() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("cluster_id", 1);

    assertOnlyError(validate(json), "storage_nodes[0].cluster_id", "must be 0, not 1");
  }

  @Test
  void duplicateClusterIdIsAnError() {
    ObjectNode json = twoClusters();
    cluster(json, 1).put("cluster_id", 0);

    assertOnlyError(validate(json), "storage_nodes[1].cluster_id",
        "cluster_id 0 is given twice (also storage_nodes[0])");
  }

  @Test
  void clusterIdIsRequired() {
    ObjectNode json = seedJson();
    cluster(json, 0).remove("cluster_id");

    assertOnlyError(validate(json), "storage_nodes[0].cluster_id", "missing: 0 here");
  }

  @Test
  void volumeDefaultsToVol0() {
    ObjectNode json = seedJson();
    cluster(json, 0).remove("volume");

    assertThat(validate(json).config().storageNodes().get(0).volume()).isEqualTo("vol0");
  }

  @Test
  void volumeMustBeASimpleName() {
    for (String bad : new String[] {"vol 0", "vol/0", "", "v".repeat(65)}) {
      ObjectNode json = seedJson();
      cluster(json, 0).put("volume", bad);

      assertOnlyError(validate(json), "storage_nodes[0].volume", "is not a volume name");
    }
  }

  @Test
  void volTypeIsRequired() {
    ObjectNode json = seedJson();
    cluster(json, 0).remove("vol_type");

    assertOnlyError(validate(json), "storage_nodes[0].vol_type", "missing: replicate or ec");
  }

  @Test
  void volTypeMustBeReplicateOrEc() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("vol_type", "mirror");

    assertOnlyError(validate(json), "storage_nodes[0].vol_type", "'mirror' is not one of ec, replicate");
  }

  @Test
  void replicaMustBeOneOrThree() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("replica", 2);

    assertOnlyError(validate(json), "storage_nodes[0].replica", "must be 1 or 3, not 2");
  }

  @Test
  void replicateVolumeRequiresReplica() {
    ObjectNode json = seedJson();
    cluster(json, 0).remove("replica");

    assertOnlyError(validate(json), "storage_nodes[0].replica", "needs replica");
  }

  @Test
  void replicaOneIsAcceptedWithANoHaWarning() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("replica", 1);

    ConfigCheck check = validate(json);

    assertThat(check.ok()).isTrue();
    assertThat(check.warnings()).extracting(FieldError::field)
        .containsExactly("storage_nodes[0].replica");
  }

  @Test
  void nodeCountMustBeAMultipleOfTheReplica() {
    ObjectNode json = seedJson();
    cluster(json, 0).set("nodes", strings("node_test4", "node_test5", "node_test6", "node_test1"));

    assertOnlyError(validate(json), "storage_nodes[0].nodes",
        "has 4 node(s): with replica 3 the node count must be a multiple of 3");
  }

  @Test
  void ecVolumeRequiresEcType() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("vol_type", "ec");
    cluster(json, 0).remove("ec_type");

    assertOnlyError(validate(json), "storage_nodes[0].ec_type", "vol_type ec needs ec_type");
  }

  @Test
  void ecTypeMustBeZeroToTwentyFive() {
    for (int bad : new int[] {-1, 26}) {
      ObjectNode json = seedJson();
      cluster(json, 0).put("vol_type", "ec");
      cluster(json, 0).put("ec_type", bad);

      assertOnlyError(validate(json), "storage_nodes[0].ec_type", "must be 0 to 25, not " + bad);
    }
  }

  @Test
  void ecVolumeIgnoresTheReplicaAndItsMultiple() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("vol_type", "ec");
    cluster(json, 0).put("ec_type", 25);
    cluster(json, 0).put("replica", 7);
    cluster(json, 0).set("nodes", strings("node_test4", "node_test5", "node_test6", "node_test1"));

    assertThat(validate(json).errors()).isEmpty();
  }

  @Test
  void storageClassDefaultsToStandard() {
    ObjectNode json = seedJson();
    cluster(json, 0).remove("storage_class");

    assertThat(validate(json).config().storageNodes().get(0).storageClass())
        .isEqualTo("standard");
  }

  @Test
  void storageClassStandardIaIsAccepted() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("storage_class", "standard_ia");

    assertThat(validate(json).errors()).isEmpty();
  }

  @Test
  void storageClassMustBeStandardOrStandardIa() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("storage_class", "cold");

    assertOnlyError(validate(json), "storage_nodes[0].storage_class",
        "'cold' is not one of standard, standard_ia");
  }

  @Test
  void raidAndReadonlyDefaultToFalse() {
    ObjectNode json = seedJson();
    cluster(json, 0).remove("raid");
    cluster(json, 0).remove("readonly");

    StorageClusterSpec cluster = validate(json).config().storageNodes().get(0);

    assertThat(cluster.raid()).isFalse();
    assertThat(cluster.readonly()).isFalse();
  }

  @Test
  void brickCountMustBeOneToSixtyFour() {
    for (int bad : new int[] {0, 65}) {
      ObjectNode json = seedJson();
      cluster(json, 0).put("brick_count", bad);

      assertOnlyError(validate(json), "storage_nodes[0].brick_count", "must be 1 to 64, not " + bad);
    }
  }

  @Test
  void brickCountOfSixtyFourIsAccepted() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("brick_count", 64);

    assertThat(validate(json).errors()).isEmpty();
  }

  @Test
  void brickCountIsRequired() {
    ObjectNode json = seedJson();
    cluster(json, 0).remove("brick_count");

    assertOnlyError(validate(json), "storage_nodes[0].brick_count", "missing");
  }

  @Test
  void blockListingSeveralDevicesIsAccepted() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("block", "sdc,sdd,nvme0n1");

    assertThat(validate(json).errors()).isEmpty();
  }

  @Test
  void blockMustBeCommaSeparatedDeviceNamesWithoutSpaces() {
    for (String bad : new String[] {"sdc, sdd", "sdc,,sdd", "sdc,", "/dev/sdc", "SDC", "1sd", ""}) {
      ObjectNode json = seedJson();
      cluster(json, 0).put("block", bad);

      assertOnlyError(validate(json), "storage_nodes[0].block", "is not a device name");
    }
  }

  @Test
  void blockMustNotListADeviceTwice() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("block", "sdc,sdd,sdc");

    assertOnlyError(validate(json), "storage_nodes[0].block", "lists the device 'sdc' twice");
  }

  @Test
  void blockIsRequired() {
    ObjectNode json = seedJson();
    cluster(json, 0).remove("block");

    assertOnlyError(validate(json), "storage_nodes[0].block", "missing");
  }

  @Test
  void clusterNodesMustNotBeEmpty() {
    ObjectNode json = seedJson();
    cluster(json, 0).set("nodes", strings());

    assertOnlyError(validate(json), "storage_nodes[0].nodes", "at least one node");
  }

  @Test
  void clusterNodeListedTwiceIsAnError() {
    ObjectNode json = seedJson();
    cluster(json, 0).set("nodes", strings("node_test4", "node_test5", "node_test4"));

    assertOnlyError(validate(json), "storage_nodes[0].nodes[2]", "'node_test4' is listed twice");
  }

  @Test
  void nodeMayNotSitInTwoStorageClusters() {
    ObjectNode json = twoClusters();
    cluster(json, 1).set("nodes", strings("node_test1", "192.168.10.15", "node_test3"));

    assertOnlyError(validate(json), "storage_nodes[1].nodes[1]",
        "'node_test5' already sits in storage_nodes[0]");
  }

  @Test
  void nodeMayBeBothAccessAndStorageNode() {
    ConfigCheck check = validate(twoClusters());

    assertThat(check.errors()).isEmpty();
    assertThat(check.config().accessNodeIds()).contains("node_test1");
    assertThat(check.config().storageNodeIds()).contains("node_test1");
  }

  @Test
  void fewerThanThreeStorageNodesIsAcceptedWithAWarning() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("replica", 1);
    cluster(json, 0).set("nodes", strings("node_test4", "node_test5"));

    ConfigCheck check = validate(json);

    assertThat(check.ok()).isTrue();
    assertThat(check.warnings()).extracting(FieldError::field)
        .containsExactly("storage_nodes[0].replica", "storage_nodes");
    assertThat(check.warnings().get(1).message()).contains("2 storage node(s)");
  }

  @Test
  void unknownKeyInAClusterIsRejectedByTheCodec() {
    ObjectNode json = seedJson();
    cluster(json, 0).put("replicas", 3);

    assertThatThrownBy(() -> Fixtures.request(json))
        .hasMessageContaining("replicas");
  }
}
