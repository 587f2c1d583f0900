package io.qingstor.installer.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.NetInterface;
import io.qingstor.installer.core.config.KnownNode;
import io.qingstor.installer.core.config.NodeDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A valid {@code ConfigQingStor} request for a platform of any size, with the registry of its
 * nodes (each with collected facts, so that the facts checks run too).
 *
 * <p>Nodes {@code node-00001...} sit at 10.1.0.1 onwards. One node in a hundred (at least 3) is
 * an access node with a VIP in 172.16/16 on {@code eth0}; the rest form 3-replica storage
 * clusters of {@value #CLUSTER_SIZE} nodes (the last one smaller, still a multiple of 3) with
 * bricks on {@code sdb,sdc}.
 */
public final class LargeConfig {

  /** Nodes per storage cluster, a multiple of the replica count 3. */
  static final int CLUSTER_SIZE = 99;

  private final int nodes;
  private final int accessNodes;
  private final ObjectNode json;
  private final List<KnownNode> registry;
  private final Map<String, String> ipById;

  private LargeConfig(int nodes) {
    this.nodes = nodes;
    this.accessNodes = Math.max(3, nodes / 100);
    this.registry = registry(nodes);
    this.ipById = new HashMap<>();
    registry.forEach(node -> ipById.put(node.nodeId(), node.ip()));
    this.json = request(new JsonCodec());
  }

  /**
   * Builds the config of {@code nodes} nodes.
   *
   * @throws IllegalArgumentException if {@code nodes} is under 6, above 60,000, or leaves a
   *     storage node count that is not a multiple of 3
   */
  public static LargeConfig of(int nodes) {
    int access = Math.max(3, nodes / 100);
    if (nodes < 6 || nodes > 60_000 || (nodes - access) % 3 != 0) {
      throw new IllegalArgumentException("need 6-60000 nodes with (nodes - access nodes) a multiple of 3, got "
          + nodes);
    }
    return new LargeConfig(nodes);
  }

  /** Returns the request as its JSON tree (a fresh copy). */
  public ObjectNode json() {
    return json.deepCopy();
  }

  /** Returns the request decoded with the protocol's codec. */
  public ConfigQingStorRequest request() {
    return new JsonCodec().convert(json, ConfigQingStorRequest.class);
  }

  /** Returns a directory of every node of the config. */
  public NodeDirectory directory() {
    return NodeDirectory.of(registry);
  }

  /** Returns the IP of a node id, or null for an unknown one. */
  public String ipOf(String nodeId) {
    return ipById.get(nodeId);
  }

  /** Returns every node id, access nodes first, in request order. */
  public List<String> nodeIds() {
    return registry.stream().map(KnownNode::nodeId).toList();
  }

  /** Returns the number of nodes. */
  public int size() {
    return nodes;
  }

  private static List<KnownNode> registry(int nodes) {
    HardwareFacts facts = new HardwareFacts("node", "CentOS 7.9", "3.10.0", "x86_64", 32, 128L << 30,
        List.of(new BlockDevice("sda", 1L << 40, false, true), new BlockDevice("sdb", 8L << 40, true, false),
            new BlockDevice("sdc", 8L << 40, true, false)),
        List.of(new NetInterface("eth0", "52:54:00:00:00:01", List.of()),
            new NetInterface("eth1", "52:54:00:00:00:02", List.of())),
        "2024-01-01 00:00:00");
    List<KnownNode> registry = new ArrayList<>(nodes);
    for (int i = 1; i <= nodes; i++) {
      registry.add(new KnownNode(String.format("node-%05d", i), "10.1." + (i / 256) + "." + (i % 256), facts));
    }
    return registry;
  }

  private ObjectNode request(JsonCodec codec) {
    ObjectNode root = codec.mapper().createObjectNode();
    root.put("action", "ConfigQingStor");
    ObjectNode qsConf = root.putObject("qs_conf");
    qsConf.put("firstbox", "10.0.0.1");
    qsConf.put("ansible_ssh_pass", "bench-secret");
    qsConf.put("with_iaas", false);
    qsConf.put("zone_id", "bench");
    qsConf.put("iaas_domain", "bench.example.com");
    qsConf.put("global_domain", "stor.bench.example.com");
    qsConf.putArray("qs_network").add("10.0.0.0/8");
    qsConf.put("use_cassandra", true);
    ObjectNode intranet = root.putObject("access_nodes").putObject("intranet");
    intranet.put("interface", "eth0");
    ArrayNode accessIds = intranet.putArray("nodes");
    ArrayNode vips = intranet.putArray("vips");
    for (int i = 0; i < accessNodes; i++) {
      accessIds.add(registry.get(i).nodeId());
      vips.add("172.16." + ((i + 1) / 256) + "." + ((i + 1) % 256));
    }
    intranet.put("bridge_vip", "172.17.0.1");
    ArrayNode clusters = root.putArray("storage_nodes");
    for (int first = accessNodes, id = 0; first < nodes; first += CLUSTER_SIZE, id++) {
      clusters.add(cluster(codec, id, first, Math.min(first + CLUSTER_SIZE, nodes)));
    }
    return root;
  }

  private ObjectNode cluster(JsonCodec codec, int clusterId, int from, int to) {
    ObjectNode cluster = codec.mapper().createObjectNode();
    cluster.put("cluster_id", clusterId);
    cluster.put("volume", "vol" + clusterId);
    cluster.put("vol_type", "replicate");
    cluster.put("replica", 3);
    cluster.put("raid", false);
    cluster.put("storage_class", "standard");
    cluster.put("readonly", false);
    cluster.put("brick_count", 2);
    cluster.put("block", "sdb,sdc");
    ArrayNode ids = cluster.putArray("nodes");
    for (int i = from; i < to; i++) {
      ids.add(registry.get(i).nodeId());
    }
    return cluster;
  }
}
