package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.config.PlatformConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is what in a config: the access nodes with their VIPs, the storage nodes with their
 * cluster, in config order.
 */
final class NodeRoles {
  /** An access node's place on one network. */
  record Vip(AccessNetwork network, String vip) {}

  private final Map<String, Vip> intranet = new LinkedHashMap<>();
  private final Map<String, Vip> external = new LinkedHashMap<>();
  private final Map<String, StorageClusterSpec> storage = new LinkedHashMap<>();

  NodeRoles(PlatformConfig config) {
    if (config.accessNodes() != null) {
      index(config.accessNodes().intranet(), intranet);
      if (Boolean.TRUE.equals(config.accessNodes().hasExternal())) {
        index(config.accessNodes().external(), external);
      }
    }
    for (StorageClusterSpec cluster : config.storageNodes() == null
        ? List.<StorageClusterSpec>of() : config.storageNodes()) {
      for (NodeRef ref : cluster.nodes()) {
        storage.put(ref.nodeId(), cluster);
      }
    }
  }

  private static void index(AccessNetwork network, Map<String, Vip> into) {
    if (network == null || network.nodes() == null) {
      return;
    }
    for (int i = 0; i < network.nodes().size(); i++) {
      String vip = network.vips() != null && i < network.vips().size() ? network.vips().get(i) : null;
      into.put(network.nodes().get(i).nodeId(), new Vip(network, vip));
    }
  }

  /** Every node of the platform: access nodes first, then storage nodes, each once. */
  List<String> allNodes() {
    Set<String> all = new LinkedHashSet<>(intranet.keySet());
    all.addAll(storage.keySet());
    return new ArrayList<>(all);
  }

  List<String> accessNodes() {
    return new ArrayList<>(intranet.keySet());
  }

  List<String> storageNodes() {
    return new ArrayList<>(storage.keySet());
  }

  /** The nodes that have a role here they lack in {@code before}: the ones a scale brings in. */
  List<String> gainedSince(NodeRoles before) {
    return allNodes().stream()
        .filter(id -> !before.rolesOf(id).containsAll(rolesOf(id)))
        .toList();
  }

  /** The role names of a node: {@code access}, {@code storage}. */
  List<String> rolesOf(String nodeId) {
    List<String> roles = new ArrayList<>();
    if (intranet.containsKey(nodeId)) {
      roles.add("access");
    }
    if (storage.containsKey(nodeId)) {
      roles.add("storage");
    }
    return roles;
  }

  Optional<Vip> intranetOf(String nodeId) {
    return Optional.ofNullable(intranet.get(nodeId));
  }

  Optional<Vip> externalOf(String nodeId) {
    return Optional.ofNullable(external.get(nodeId));
  }

  Optional<StorageClusterSpec> clusterOf(String nodeId) {
    return Optional.ofNullable(storage.get(nodeId));
  }
}
