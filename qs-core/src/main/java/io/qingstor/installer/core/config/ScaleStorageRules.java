package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Formats.at;

import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.StorageClusterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks a {@code ScaleQingStorStorage} request against the deployed config. An entry naming a
 * deployed {@code cluster_id} adds nodes to it: each setting it gives must equal the deployed
 * one (a missing setting means "the same"), and the added node count keeps the replica multiple.
 * An entry with the next free id adds a cluster, checked like a {@code ConfigQingStor} one; new
 * ids run on in request order. No node may join a second cluster.
 */
final class ScaleStorageRules {
  private static final String PATH = "storage_nodes";

  /** A volume setting an extension must leave unchanged. */
  private record Setting(String key, Function<StorageClusterSpec, Object> value) {}

  private static final List<Setting> SETTINGS = List.of(
      new Setting("volume", StorageClusterSpec::volume),
      new Setting("vol_type", StorageClusterSpec::volType),
      new Setting("ec_type", StorageClusterSpec::ecType),
      new Setting("replica", StorageClusterSpec::replica),
      new Setting("storage_class", StorageClusterSpec::storageClass),
      new Setting("brick_count", StorageClusterSpec::brickCount),
      new Setting("block", StorageClusterSpec::block),
      new Setting("raid", StorageClusterSpec::raid),
      new Setting("readonly", StorageClusterSpec::readonly));

  private final PlatformConfig deployed;
  private final StorageRules storage;
  private final Problems problems;
  private final Map<Integer, StorageClusterSpec> deployedById = new HashMap<>();

  ScaleStorageRules(PlatformConfig deployed, StorageRules storage, Problems problems) {
    this.deployed = deployed;
    this.storage = storage;
    this.problems = problems;
    deployed.storageNodes().forEach(cluster -> deployedById.put(cluster.clusterId(), cluster));
  }

  /** The storage clusters after the request: deployed ones extended, new ones appended. */
  List<StorageClusterSpec> check(List<StorageClusterSpec> entries) {
    deployed.storageNodes().forEach(storage::reserve);
    if (entries == null || entries.isEmpty()) {
      problems.error(PATH, "must list at least one storage cluster to extend or add");
      return deployed.storageNodes();
    }
    int nextId = deployed.storageNodes().size();
    Map<Integer, List<NodeRef>> added = new HashMap<>();
    List<StorageClusterSpec> newClusters = new ArrayList<>();
    Map<Integer, Integer> indexOfId = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      StorageClusterSpec entry = entries.get(i);
      String path = at(PATH, i);
      Integer id = entry.clusterId();
      if (id == null) {
        problems.error(path + ".cluster_id", "missing: a deployed cluster_id to extend, or "
            + nextId + " to add a storage cluster");
      } else if (indexOfId.putIfAbsent(id, i) != null) {
        problems.error(path + ".cluster_id", "cluster_id " + id + " is given twice (also "
            + at(PATH, indexOfId.get(id)) + ")");
      } else if (deployedById.containsKey(id)) {
        added.put(id, extend(entry, deployedById.get(id), path));
      } else if (id == nextId) {
        newClusters.add(storage.newCluster(entry, nextId++, path));
      } else {
        problems.error(path + ".cluster_id", "cluster_id " + id + " is neither a deployed"
            + " cluster (0 to " + (deployed.storageNodes().size() - 1) + ") nor the next one ("
            + nextId + ")");
      }
    }
    return merged(added, newClusters);
  }

  private List<NodeRef> extend(StorageClusterSpec entry, StorageClusterSpec cluster, String path) {
    for (Setting setting : SETTINGS) {
      Object wanted = setting.value().apply(entry);
      Object current = setting.value().apply(cluster);
      if (wanted != null && !Objects.equals(wanted, current)) {
        problems.error(path + "." + setting.key(), "must match deployed storage cluster "
            + cluster.clusterId() + ", whose " + setting.key() + " is "
            + (current == null ? "not set" : current) + " (leave it out to keep it), not "
            + wanted);
      }
    }
    List<NodeRef> nodes = storage.claimNodes(entry.nodes(), path + ".nodes",
        StorageRules.devicesOf(cluster.block()), path);
    if (StorageRules.REPLICATE.equals(cluster.volType()) && cluster.replica() != null
        && entry.nodes() != null) {
      storage.checkMultiple(entry.nodes().size(), cluster.replica(), path + ".nodes", "adds");
    }
    return nodes;
  }

  private List<StorageClusterSpec> merged(
      Map<Integer, List<NodeRef>> added, List<StorageClusterSpec> newClusters) {
    List<StorageClusterSpec> clusters = new ArrayList<>();
    for (StorageClusterSpec cluster : deployed.storageNodes()) {
      List<NodeRef> more = added.get(cluster.clusterId());
      if (more == null) {
        clusters.add(cluster);
      } else {
        List<NodeRef> nodes = new ArrayList<>(cluster.nodes());
        nodes.addAll(more);
        clusters.add(cluster.withNodes(nodes));
      }
    }
    clusters.addAll(newClusters);
    return clusters;
  }
}
