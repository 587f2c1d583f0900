package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Formats.at;
import static io.qingstor.installer.core.config.Formats.quote;

import io.qingstor.installer.api.model.NodeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves node references of one validation: a registered node id stays, the IP of a registered
 * node becomes its id, an IPv4 of no registered node is kept and listed to be registered, and
 * anything else is an error. Each distinct reference is looked up once.
 */
final class NodeRefResolver {
  /** A resolved reference: the canonical id, and the registered node (null for an IP to register). */
  record Resolved(String id, KnownNode known) {}

  /** One entry of a resolved {@code nodes} list: its index in the list and what it resolved to. */
  record Entry(int index, NodeRef ref, KnownNode known) {}

  private final NodeDirectory directory;
  private final Problems problems;
  private final Map<String, Optional<Resolved>> cache = new HashMap<>();
  private final Set<String> ipsToRegister = new LinkedHashSet<>();

  NodeRefResolver(NodeDirectory directory, Problems problems) {
    this.directory = directory;
    this.problems = problems;
  }

  /** Resolves one reference; reports an error at {@code path} and returns null when it cannot. */
  Resolved resolve(String ref, String path) {
    if (ref == null || ref.isBlank()) {
      problems.error(path, "missing node: give a registered node id or an IP");
      return null;
    }
    Optional<Resolved> resolved = cache.computeIfAbsent(ref, this::lookUp);
    if (resolved.isEmpty()) {
      problems.error(path, "unknown node " + quote(ref)
          + ": register it with AddNodes or use its IP");
      return null;
    }
    if (resolved.get().known() == null) {
      ipsToRegister.add(ref);
    }
    return resolved.get();
  }

  /**
   * Resolves a {@code nodes} list: it must be non-empty, and each node may appear once
   * (whether named by id or by IP). Returns the entries that resolved, duplicates left out.
   */
  List<Entry> resolveList(List<NodeRef> refs, String path) {
    if (refs == null || refs.isEmpty()) {
      problems.error(path, "must list at least one node");
      return List.of();
    }
    List<Entry> entries = new ArrayList<>(refs.size());
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < refs.size(); i++) {
      NodeRef ref = refs.get(i);
      Resolved resolved = resolve(ref.nodeId(), at(path, i));
      if (resolved == null) {
        continue;
      }
      Integer first = firstIndex.putIfAbsent(resolved.id(), i);
      if (first != null) {
        problems.error(at(path, i), "node " + quote(resolved.id()) + " is listed twice (also "
            + at(path, first) + ")");
        continue;
      }
      NodeRef canonical = new NodeRef(resolved.id(), ref.objectForm());
      entries.add(new Entry(i, canonical, resolved.known()));
    }
    return entries;
  }

  /** The node whose IP this is, if it is a node IP: a registered node's or one to register. */
  Optional<String> nodeWithIp(String ip) {
    if (ipsToRegister.contains(ip)) {
      return Optional.of(ip);
    }
    return directory.byIp(ip).map(KnownNode::nodeId);
  }

  /** The IPs referenced so far that are to be registered, in first appearance order. */
  List<String> ipsToRegister() {
    return List.copyOf(ipsToRegister);
  }

  private Optional<Resolved> lookUp(String ref) {
    Optional<KnownNode> node = directory.byId(ref);
    if (node.isEmpty() && Formats.isIpv4(ref)) {
      node = directory.byIp(ref);
      if (node.isEmpty()) {
        return Optional.of(new Resolved(ref, null));
      }
    }
    return node.map(n -> new Resolved(n.nodeId(), n));
  }
}
