package io.qingstor.installer.core.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up registered nodes by node id or by IP. Validation calls it once per distinct
 * reference, so an implementation backed by a store should answer from memory.
 */
public interface NodeDirectory {
  /** The registered node with this id, if any. */
  Optional<KnownNode> byId(String nodeId);

  /** The registered node with this IP, if any. */
  Optional<KnownNode> byIp(String ip);

  /**
   * A directory holding exactly these nodes, indexed by id and by IP.
   *
   * @throws IllegalArgumentException when two nodes share an id or an IP
   */
  static NodeDirectory of(Collection<KnownNode> nodes) {
    Map<String, KnownNode> byId = new HashMap<>();
    Map<String, KnownNode> byIp = new HashMap<>();
    for (KnownNode node : nodes) {
      if (byId.putIfAbsent(node.nodeId(), node) != null) {
        throw new IllegalArgumentException("two nodes have the id " + node.nodeId());
      }
      if (byIp.putIfAbsent(node.ip(), node) != null) {
        throw new IllegalArgumentException("two nodes have the IP " + node.ip());
      }
    }
    return new NodeDirectory() {
      @Override
      public Optional<KnownNode> byId(String nodeId) {
        return Optional.ofNullable(byId.get(nodeId));
      }

      @Override
      public Optional<KnownNode> byIp(String ip) {
        return Optional.ofNullable(byIp.get(ip));
      }
    };
  }
}
