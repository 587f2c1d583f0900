package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Formats.at;
import static io.qingstor.installer.core.config.Formats.quote;

import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.StorageClusterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks storage clusters: their volume settings (applying the defaults {@code volume: vol0},
 * {@code storage_class: standard}, {@code raid} and {@code readonly} false), their nodes, and
 * that a node sits in at most one cluster. {@code ec_type} is checked only for {@code ec}
 * volumes and {@code replica} only for {@code replicate} ones; the other is kept as given (the
 * seed example sends {@code ec_type} with a replicated volume).
 */
final class StorageRules {
  /** The most bricks per device accepted; more would only fragment a device. */
  static final int MAX_BRICK_COUNT = 64;
  static final int MAX_EC_TYPE = 25;
  static final String DEFAULT_VOLUME = "vol0";
  static final String DEFAULT_STORAGE_CLASS = "standard";
  static final String REPLICATE = "replicate";
  private static final Set<String> VOL_TYPES = Set.of(REPLICATE, "ec");
  private static final Set<String> STORAGE_CLASSES = Set.of("standard", "standard_ia");
  private static final Set<Integer> REPLICAS = Set.of(1, 3);

  private final NodeRefResolver resolver;
  private final FactsRules facts;
  private final Problems problems;
  /** Each storage node claimed so far and the cluster it sits in, as a message names it. */
  private final Map<String, String> clusterOfNode = new HashMap<>();

  StorageRules(NodeRefResolver resolver, FactsRules facts, Problems problems) {
    this.resolver = resolver;
    this.facts = facts;
    this.problems = problems;
  }

  /**
   * Checks the {@code storage_nodes} of a whole config: a non-empty list whose cluster ids run
   * 0, 1, 2... in list order. Returns the canonical clusters that could be built.
   */
  List<StorageClusterSpec> checkAll(List<StorageClusterSpec> specs) {
    String path = "storage_nodes";
    if (specs == null || specs.isEmpty()) {
      problems.error(path, "must list at least one storage cluster");
      return List.of();
    }
    List<StorageClusterSpec> clusters = new ArrayList<>(specs.size());
    Map<Integer, Integer> indexOfId = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      StorageClusterSpec spec = specs.get(i);
      checkSequentialId(spec.clusterId(), i, at(path, i), indexOfId);
      clusters.add(newCluster(spec, i, at(path, i)));
    }
    return clusters;
  }

  /** Marks the nodes of a deployed cluster as taken. */
  void reserve(StorageClusterSpec deployed) {
    for (NodeRef ref : deployed.nodes()) {
      clusterOfNode.put(ref.nodeId(), "deployed storage cluster " + deployed.clusterId());
    }
  }

  /** A new cluster with id {@code clusterId}: every setting checked, defaults applied. */
  StorageClusterSpec newCluster(StorageClusterSpec spec, int clusterId, String path) {
    checkVolume(spec.volume(), path + ".volume");
    Integer replica = checkVolType(spec, path);
    checkOneOf(spec.storageClass(), STORAGE_CLASSES, path + ".storage_class");
    checkBrickCount(spec.brickCount(), path + ".brick_count");
    List<String> devices = blockDevices(spec.block(), path + ".block");
    List<NodeRef> nodes = claimNodes(spec.nodes(), path + ".nodes", devices, path);
    if (replica != null && spec.nodes() != null) {
      checkMultiple(spec.nodes().size(), replica, path + ".nodes", "has");
    }
    return new StorageClusterSpec(clusterId, orDefault(spec.volume(), DEFAULT_VOLUME),
        spec.volType(), spec.ecType(), spec.replica(), orDefault(spec.raid(), false),
        orDefault(spec.storageClass(), DEFAULT_STORAGE_CLASS), orDefault(spec.readonly(), false),
        spec.brickCount(), spec.block(), nodes);
  }

  /**
   * Resolves a cluster's nodes and claims each for {@code cluster}: a node sits in at most one
   * storage cluster, and must have the cluster's block devices when its facts are known.
   */
  List<NodeRef> claimNodes(List<NodeRef> refs, String path, List<String> devices, String cluster) {
    List<NodeRef> nodes = new ArrayList<>();
    for (NodeRefResolver.Entry entry : resolver.resolveList(refs, path)) {
      String other = clusterOfNode.putIfAbsent(entry.ref().nodeId(), cluster);
      if (other != null) {
        problems.error(at(path, entry.index()), "node " + quote(entry.ref().nodeId())
            + " already sits in " + other + ": a node belongs to at most one storage cluster");
        continue;
      }
      facts.requireBlockDevices(entry.known(), devices, at(path, entry.index()));
      nodes.add(entry.ref());
    }
    return nodes;
  }

  /** Reports when {@code count} nodes break the replica multiple; {@code verb} is has/adds. */
  void checkMultiple(int count, int replica, String path, String verb) {
    if (count % replica != 0) {
      problems.error(path, verb + " " + count + " node(s): with replica " + replica
          + " the node count must be a multiple of " + replica);
    }
  }

  /** The devices of an accepted {@code block} value, e.g. {@code sdc,sdd}. */
  static List<String> devicesOf(String block) {
    return block == null ? List.of() : List.of(block.split(","));
  }

  private void checkSequentialId(Integer id, int expected, String path,
      Map<Integer, Integer> indexOfId) {
    String field = path + ".cluster_id";
    if (id == null) {
      problems.error(field, "missing: " + expected + " here (cluster ids run 0, 1, 2... in list"
          + " order)");
      return;
    }
    Integer first = indexOfId.putIfAbsent(id, expected);
    if (first != null) {
      problems.error(field, "cluster_id " + id + " is given twice (also storage_nodes[" + first
          + "])");
    } else if (id != expected) {
      problems.error(field, "must be " + expected + ", not " + id
          + ": cluster ids run 0, 1, 2... in list order");
    }
  }

  private void checkVolume(String volume, String path) {
    if (volume != null && !Formats.isVolumeName(volume)) {
      problems.error(path, quote(volume) + " is not a volume name: 1 to 64 of [A-Za-z0-9_-]");
    }
  }

  /**
   * Checks vol_type and the settings it needs; returns the replica when the cluster is a
   * replicated volume with a valid one (its node count must then be a multiple), else null.
   */
  private Integer checkVolType(StorageClusterSpec spec, String path) {
    String volType = spec.volType();
    if (volType == null) {
      problems.error(path + ".vol_type", "missing: replicate or ec");
      return null;
    }
    if (!checkOneOf(volType, VOL_TYPES, path + ".vol_type")) {
      return null;
    }
    if (volType.equals(REPLICATE)) {
      return checkReplica(spec.replica(), path + ".replica") ? spec.replica() : null;
    }
    if (spec.ecType() == null) {
      problems.error(path + ".ec_type", "missing: vol_type ec needs ec_type, 0 to " + MAX_EC_TYPE);
    } else if (spec.ecType() < 0 || spec.ecType() > MAX_EC_TYPE) {
      problems.error(path + ".ec_type", "must be 0 to " + MAX_EC_TYPE + ", not " + spec.ecType());
    }
    return null;
  }

  /** True when the replica is valid; replica 1 is valid with a warning. */
  private boolean checkReplica(Integer replica, String path) {
    if (replica == null) {
      problems.error(path, "missing: vol_type replicate needs replica, 1 or 3");
      return false;
    }
    if (!REPLICAS.contains(replica)) {
      problems.error(path, "must be 1 or 3, not " + replica);
      return false;
    }
    if (replica == 1) {
      problems.warn(path, "replica 1 keeps one copy of each object: no high availability");
    }
    return true;
  }

  private boolean checkOneOf(String value, Set<String> allowed, String path) {
    if (value != null && !allowed.contains(value)) {
      problems.error(path, quote(value) + " is not one of " + String.join(", ",
          allowed.stream().sorted().toList()));
      return false;
    }
    return true;
  }

  private void checkBrickCount(Integer brickCount, String path) {
    if (brickCount == null) {
      problems.error(path, "missing: bricks per block device, 1 to " + MAX_BRICK_COUNT);
    } else if (brickCount < 1 || brickCount > MAX_BRICK_COUNT) {
      problems.error(path, "must be 1 to " + MAX_BRICK_COUNT + ", not " + brickCount);
    }
  }

  /** The devices of {@code block}; empty (with an error) when it is missing or malformed. */
  private List<String> blockDevices(String block, String path) {
    String format = ": comma-separated device names without spaces, e.g. sdc,sdd";
    if (block == null) {
      problems.error(path, "missing" + format);
      return List.of();
    }
    Set<String> devices = new LinkedHashSet<>();
    for (String device : block.split(",", -1)) {
      if (!Formats.isDeviceName(device)) {
        problems.error(path, quote(block) + " is not a device list: " + quote(device)
            + " is not a device name [a-z][a-z0-9]{0,31}" + format);
        return List.of();
      }
      if (!devices.add(device)) {
        problems.error(path, quote(block) + " lists the device " + quote(device) + " twice");
        return List.of();
      }
    }
    return List.copyOf(devices);
  }

  private static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
