package io.qingstor.installer.core.config;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The accepted, normalized platform config, as produced by {@link ConfigValidator}:
 * {@code qs_conf} without node sections, the access nodes and the storage clusters, with every
 * node reference canonicalised to a registered node id, except IPs still to be registered
 * (listed by {@link ConfigCheck#ipsToRegister()} and swapped for node ids with
 * {@link #withNodeIdsReplaced(Map)}). Storage clusters carry their defaults explicitly
 * ({@code volume: vol0}, {@code storage_class: standard}, {@code raid} and {@code readonly}
 * false) and {@code has_external} is true or false, never absent.
 *
 * <p>A node may be both an access node and a storage node; it appears at most once in each
 * {@code nodes} list and in at most one storage cluster.
 *
 * <p>Immutable: the unknown {@code qs_conf} values are deep-copied into unmodifiable
 * collections. {@code toString} never shows {@code ansible_ssh_pass}.
 */
public record PlatformConfig(
    QsConf qsConf, AccessNodes accessNodes, List<StorageClusterSpec> storageNodes) {

  /**
   * Copies the parts into immutable form and drops node sections left inside {@code qs_conf}.
   *
   * @throws NullPointerException when a part or the intranet network is missing
   */
  public PlatformConfig {
    requireNonNull(qsConf, "qsConf");
    requireNonNull(accessNodes, "accessNodes");
    requireNonNull(accessNodes.intranet(), "accessNodes.intranet");
    storageNodes = List.copyOf(requireNonNull(storageNodes, "storageNodes"));
    qsConf = frozen(qsConf);
  }

  /** The access node ids: the intranet nodes, then external-only ones, each once, in order. */
  public List<String> accessNodeIds() {
    Set<String> ids = new LinkedHashSet<>();
    addIds(ids, accessNodes.intranet().nodes());
    if (accessNodes.external() != null) {
      addIds(ids, accessNodes.external().nodes());
    }
    return List.copyOf(ids);
  }

  /** The storage node ids, cluster by cluster in list order. */
  public List<String> storageNodeIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (StorageClusterSpec cluster : storageNodes) {
      addIds(ids, cluster.nodes());
    }
    return List.copyOf(ids);
  }

  /** Every node id of the platform once: access nodes first, then storage-only ones. */
  public List<String> allNodeIds() {
    Set<String> ids = new LinkedHashSet<>(accessNodeIds());
    ids.addAll(storageNodeIds());
    return List.copyOf(ids);
  }

  /** The storage cluster with this {@code cluster_id}, if any. */
  public Optional<StorageClusterSpec> cluster(int clusterId) {
    return storageNodes.stream()
        .filter(c -> c.clusterId() != null && c.clusterId() == clusterId)
        .findFirst();
  }

  /**
   * This config with node references renamed: each reference equal to a key (typically an IP
   * just registered) becomes the mapped node id; other references stay.
   */
  public PlatformConfig withNodeIdsReplaced(Map<String, String> oldRefToNewId) {
    requireNonNull(oldRefToNewId, "oldRefToNewId");
    AccessNodes access = new AccessNodes(
        replaced(accessNodes.intranet(), oldRefToNewId),
        accessNodes.hasExternal(),
        replaced(accessNodes.external(), oldRefToNewId));
    List<StorageClusterSpec> storage = new ArrayList<>(storageNodes.size());
    for (StorageClusterSpec cluster : storageNodes) {
      storage.add(cluster.withNodes(replaced(cluster.nodes(), oldRefToNewId)));
    }
    return new PlatformConfig(qsConf, access, storage);
  }

  /** This config with other access nodes; used when access nodes are scaled out. */
  PlatformConfig withAccessNodes(AccessNodes newAccessNodes) {
    return new PlatformConfig(qsConf, newAccessNodes, storageNodes);
  }

  /** This config with other storage clusters; used when storage is scaled out. */
  PlatformConfig withStorageNodes(List<StorageClusterSpec> newStorageNodes) {
    return new PlatformConfig(qsConf, accessNodes, newStorageNodes);
  }

  private static void addIds(Set<String> ids, List<NodeRef> refs) {
    if (refs != null) {
      refs.forEach(ref -> ids.add(ref.nodeId()));
    }
  }

  private static AccessNetwork replaced(AccessNetwork network, Map<String, String> renames) {
    if (network == null) {
      return null;
    }
    return new AccessNetwork(network.networkInterface(), replaced(network.nodes(), renames),
        network.vips(), network.bridgeVip());
  }

  private static List<NodeRef> replaced(List<NodeRef> refs, Map<String, String> renames) {
    if (refs == null) {
      return null;
    }
    List<NodeRef> result = new ArrayList<>(refs.size());
    for (NodeRef ref : refs) {
      String newId = renames.get(ref.nodeId());
      result.add(newId == null ? ref : new NodeRef(newId, ref.objectForm()));
    }
    return result;
  }

  private static QsConf frozen(QsConf conf) {
    Map<String, Object> extra = new LinkedHashMap<>();
    conf.extra().forEach((key, value) -> extra.put(key, frozenValue(value)));
    return new QsConf(conf.firstbox(), conf.ansibleSshPass(), conf.withIaas(), conf.zoneId(),
        conf.iaasDomain(), conf.globalDomain(), conf.qsNetwork(), conf.useCassandra(),
        conf.iptablesEnabled(), conf.changeHostname(), conf.allowPasswdLogin(), null, null, extra);
  }

  /** A JSON value (maps, lists, scalars) copied into unmodifiable collections. */
  private static Object frozenValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, frozenValue(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(frozenValue(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
