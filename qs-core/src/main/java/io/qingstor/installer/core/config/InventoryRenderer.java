package io.qingstor.installer.core.config;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.StorageClusterSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders the Ansible inventory (INI) of an accepted config. The exact format:
 *
 * <pre>
 * # Ansible inventory, rendered by the QingStor installer; edits are overwritten.
 * [firstbox]
 * &lt;host line&gt;
 *
 * [access]
 * &lt;host line of each access node, in config order&gt;
 *
 * [storage]
 * &lt;host line of each storage node, cluster by cluster&gt;
 *
 * [storage_cluster_&lt;cluster_id&gt;]
 * &lt;host line of each node of that cluster&gt;   (one group per cluster, in id order)
 * </pre>
 *
 * <p>A host line is {@code <node_id> ansible_host=<ip> ansible_port=<port> ansible_user=<user>}
 * followed by the host's vars as {@code name=value}, sorted by name. A value made only of
 * {@code [A-Za-z0-9_./:@%+,-]} is written bare; any other is double-quoted with {@code \} and
 * {@code "} backslash-escaped, which Ansible's INI parser (shlex) reads back as written. Every
 * group repeats the full host line, so each group stands alone.
 *
 * <p>The {@code [firstbox]} line is the host whose IP is {@code qs_conf.firstbox} when it is
 * one of the hosts; otherwise it is {@code firstbox ansible_host=<firstbox> ansible_connection=local},
 * since Ansible runs on the firstbox itself. The inventory never holds a password or key.
 *
 * <p>Thread-safe.
 */
public final class InventoryRenderer {
  private static final Pattern BARE_VALUE = Pattern.compile("[A-Za-z0-9_./:@%+,-]+");
  private static final String HEADER =
      "# Ansible inventory, rendered by the QingStor installer; edits are overwritten.\n";

  /**
   * Renders the inventory; {@code hosts} must hold every node of the config (others are ignored).
   *
   * @throws IllegalArgumentException when a node of the config has no host, or two hosts share
   *     a node id
   */
  public String render(PlatformConfig config, List<InventoryHost> hosts) {
    requireNonNull(config, "config");
    Map<String, InventoryHost> byId = new HashMap<>();
    for (InventoryHost host : requireNonNull(hosts, "hosts")) {
      if (byId.putIfAbsent(host.nodeId(), host) != null) {
        throw new IllegalArgumentException("two inventory hosts are node " + host.nodeId());
      }
    }
    List<String> missing = config.allNodeIds().stream()
        .filter(id -> !byId.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("no inventory host for node(s) " + missing);
    }
    StringBuilder out = new StringBuilder(HEADER);
    group(out, "firstbox", List.of(firstboxLine(config.qsConf().firstbox(), hosts)));
    group(out, "access", lines(config.accessNodeIds(), byId));
    group(out, "storage", lines(config.storageNodeIds(), byId));
    for (StorageClusterSpec cluster : config.storageNodes()) {
      List<String> ids = cluster.nodes().stream().map(NodeRef::nodeId).toList();
      group(out, "storage_cluster_" + cluster.clusterId(), lines(ids, byId));
    }
    return out.toString();
  }

  private static void group(StringBuilder out, String name, List<String> lines) {
    if (out.length() > HEADER.length()) {
      out.append('\n');
    }
    out.append('[').append(name).append("]\n");
    lines.forEach(line -> out.append(line).append('\n'));
  }

  private static List<String> lines(List<String> nodeIds, Map<String, InventoryHost> byId) {
    return nodeIds.stream().map(id -> hostLine(byId.get(id))).toList();
  }

  private static String firstboxLine(String firstbox, List<InventoryHost> hosts) {
    return hosts.stream()
        .filter(host -> Objects.equals(host.ip(), firstbox))
        .findFirst()
        .map(InventoryRenderer::hostLine)
        .orElse("firstbox ansible_host=" + value(firstbox) + " ansible_connection=local");
  }

  private static String hostLine(InventoryHost host) {
    String vars = host.vars().entrySet().stream()
        .map(var -> " " + var.getKey() + "=" + value(var.getValue()))
        .collect(Collectors.joining());
    return host.nodeId() + " ansible_host=" + host.ip() + " ansible_port=" + host.sshPort()
        + " ansible_user=" + host.sshUser() + vars;
  }

  /** A value as Ansible's INI parser reads it back: bare when safe, else double-quoted. */
  static String value(String raw) {
    if (BARE_VALUE.matcher(raw).matches()) {
      return raw;
    }
    return '"' + raw.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
