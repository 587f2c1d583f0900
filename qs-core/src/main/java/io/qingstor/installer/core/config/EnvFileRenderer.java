package io.qingstor.installer.core.config;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders {@code qs_installer_env_config.yml}, the vendor's environment file, from an accepted
 * config: block-style YAML (SnakeYAML) whose key order is stable.
 *
 * <p>The top level holds every {@code qs_conf} key that has a value: the known keys in
 * {@link QsConf}'s component order ({@code firstbox, ansible_ssh_pass, with_iaas, zone_id,
 * iaas_domain, global_domain, qs_network, use_cassandra, iptables_enabled, change_hostname,
 * allow_passwd_login}), then the unknown keys in arrival order, as given. Then
 * {@code access_nodes} ({@code intranet}, {@code has_external}, and {@code external} when
 * present; each network as {@code interface, nodes, node_ids, vips, bridge_vip}) and
 * {@code storage_nodes} (each cluster as {@code cluster_id, volume, vol_type, ec_type, replica,
 * raid, storage_class, readonly, brick_count, block, nodes, node_ids}, absent settings left
 * out).
 *
 * <p>{@code nodes} lists the nodes' IPs, which is what the vendor's playbooks address;
 * {@code node_ids} lists the same nodes' ids in the same order, so a rendered file can be traced
 * back to the node registry.
 *
 * <p>Thread-safe.
 */
public final class EnvFileRenderer {
  /** The key that holds the one secret of {@code qs_conf}. */
  public static final String SECRET_KEY = "ansible_ssh_pass";

  /** The known {@code qs_conf} keys in {@link QsConf}'s component order, with their values. */
  static final List<Map.Entry<String, Function<QsConf, Object>>> KNOWN_KEYS = List.of(
      Map.entry("firstbox", QsConf::firstbox),
      Map.entry(SECRET_KEY, QsConf::ansibleSshPass),
      Map.entry("with_iaas", QsConf::withIaas),
      Map.entry("zone_id", QsConf::zoneId),
      Map.entry("iaas_domain", QsConf::iaasDomain),
      Map.entry("global_domain", QsConf::globalDomain),
      Map.entry("qs_network", QsConf::qsNetwork),
      Map.entry("use_cassandra", QsConf::useCassandra),
      Map.entry("iptables_enabled", QsConf::iptablesEnabled),
      Map.entry("change_hostname", QsConf::changeHostname),
      Map.entry("allow_passwd_login", QsConf::allowPasswdLogin));

  private static final String HEADER =
      "# qs_installer_env_config.yml, rendered by the QingStor installer; edits are overwritten.\n";

  /**
   * Every {@code qs_conf} key that has a value, known keys first, then the unknown ones as given.
   *
   * @param includeSecrets false leaves out {@code ansible_ssh_pass}
   */
  public static Map<String, Object> qsConf(QsConf qsConf, boolean includeSecrets) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Function<QsConf, Object>> key : KNOWN_KEYS) {
      Object value = key.getValue().apply(qsConf);
      if (value != null && (includeSecrets || !key.getKey().equals(SECRET_KEY))) {
        values.put(key.getKey(), value);
      }
    }
    values.putAll(qsConf.extra());
    return values;
  }

  /**
   * Renders the env file.
   *
   * @param ipOfNode the IP of a node id
   * @param includeSecrets true for the firstbox's own copy (which the caller writes mode 0600);
   *     false leaves out {@code ansible_ssh_pass}, for the copies pushed to the nodes
   * @throws IllegalArgumentException when {@code ipOfNode} knows no IP for a node of the config
   */
  public String render(
      PlatformConfig config, Function<String, String> ipOfNode, boolean includeSecrets) {
    requireNonNull(config, "config");
    requireNonNull(ipOfNode, "ipOfNode");
    Map<String, Object> document = qsConf(config.qsConf(), includeSecrets);
    document.put("access_nodes", accessNodes(config.accessNodes(), ipOfNode));
    List<Object> clusters = new ArrayList<>();
    config.storageNodes().forEach(cluster -> clusters.add(cluster(cluster, ipOfNode)));
    document.put("storage_nodes", clusters);
    return HEADER + yaml().dump(document);
  }

  private static Map<String, Object> accessNodes(
      AccessNodes access, Function<String, String> ipOfNode) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("intranet", network(access.intranet(), ipOfNode));
    map.put("has_external", Boolean.TRUE.equals(access.hasExternal()));
    if (access.external() != null) {
      map.put("external", network(access.external(), ipOfNode));
    }
    return map;
  }

  private static Map<String, Object> network(
      AccessNetwork network, Function<String, String> ipOfNode) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("interface", network.networkInterface());
    putNodes(map, network.nodes(), ipOfNode);
    map.put("vips", network.vips());
    map.put("bridge_vip", network.bridgeVip());
    return map;
  }

  private static Map<String, Object> cluster(
      StorageClusterSpec cluster, Function<String, String> ipOfNode) {
    Map<String, Object> map = new LinkedHashMap<>();
    putIfSet(map, "cluster_id", cluster.clusterId());
    putIfSet(map, "volume", cluster.volume());
    putIfSet(map, "vol_type", cluster.volType());
    putIfSet(map, "ec_type", cluster.ecType());
    putIfSet(map, "replica", cluster.replica());
    putIfSet(map, "raid", cluster.raid());
    putIfSet(map, "storage_class", cluster.storageClass());
    putIfSet(map, "readonly", cluster.readonly());
    putIfSet(map, "brick_count", cluster.brickCount());
    putIfSet(map, "block", cluster.block());
    putNodes(map, cluster.nodes(), ipOfNode);
    return map;
  }

  private static void putNodes(
      Map<String, Object> map, List<NodeRef> nodes, Function<String, String> ipOfNode) {
    List<String> ips = new ArrayList<>(nodes.size());
    List<String> ids = new ArrayList<>(nodes.size());
    for (NodeRef node : nodes) {
      String ip = ipOfNode.apply(node.nodeId());
      if (ip == null) {
        throw new IllegalArgumentException("no IP known for node " + node.nodeId());
      }
      ips.add(ip);
      ids.add(node.nodeId());
    }
    map.put("nodes", ips);
    map.put("node_ids", ids);
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** A new dumper per call: SnakeYAML's {@link Yaml} is not thread-safe. */
  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    // Repeated values are written out in full: the file is read by templates, not by people
    // who would follow anchors.
    options.setDereferenceAliases(true);
    return new Yaml(options);
  }
}
