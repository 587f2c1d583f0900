package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.config.KnownNode;
import io.qingstor.installer.core.config.NodeDirectory;
import io.qingstor.installer.core.nodes.NodeIds;
import io.qingstor.installer.core.nodes.NodeSpecValidator;
import io.qingstor.installer.core.state.NodeRecord.NodeStatus;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.StateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The registered nodes, persisted in the store on every change. Guards itself: every method
 * holds the inventory's own monitor, so a reader never sees a change half made.
 */
final class NodeInventory implements NodeDirectory {
  /** The most nodes the inventory holds, so that {@code nodes.json} stays far from its limit. */
  static final int MAX_NODES = 10_000;

  private final Map<String, NodeRecord> byId = new LinkedHashMap<>();
  private final Map<String, String> idByIp = new HashMap<>();
  private final StateStore store;
  private final Clock clock;
  private final SecureRandom random;

  NodeInventory(StateStore store, Clock clock, SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    for (NodeRecord node : store.loadNodes()) {
      index(node);
    }
  }

  @Override
  public synchronized Optional<KnownNode> byId(String nodeId) {
    return Optional.ofNullable(byId.get(nodeId)).map(NodeInventory::known);
  }

  @Override
  public synchronized Optional<KnownNode> byIp(String ip) {
    return Optional.ofNullable(idByIp.get(ip)).flatMap(this::byId);
  }

  synchronized Optional<NodeRecord> get(String nodeId) {
    return Optional.ofNullable(byId.get(nodeId));
  }

  /** The node, or ResourceNotFound naming it. */
  synchronized NodeRecord require(String nodeId) {
    return get(nodeId).orElseThrow(() -> new QsApiException(RetCode.RESOURCE_NOT_FOUND,
        "node " + nodeId + " is not registered"));
  }

  synchronized List<NodeRecord> all() {
    return List.copyOf(byId.values());
  }

  /**
   * Registers nodes; all or nothing.
   *
   * @throws QsApiException InvalidRequest listing every problem, including ids or IPs that are
   *     registered already
   */
  synchronized List<String> add(List<NodeSpec> specs) {
    if (specs == null || specs.isEmpty()) {
      throw QsApiException.invalidField("nodes", "must list at least one node");
    }
    List<FieldError> errors = new ArrayList<>(new NodeSpecValidator().validate(specs, "nodes"));
    for (int i = 0; i < specs.size(); i++) {
      NodeSpec spec = specs.get(i);
      if (spec.nodeId() != null && byId.containsKey(spec.nodeId())) {
        errors.add(new FieldError("nodes[" + i + "].node_id",
            "node " + spec.nodeId() + " is registered already"));
      }
      if (spec.ip() != null && idByIp.containsKey(spec.ip())) {
        errors.add(new FieldError("nodes[" + i + "].ip",
            spec.ip() + " is registered already as " + idByIp.get(spec.ip())));
      }
    }
    if (!errors.isEmpty()) {
      throw QsApiException.invalid(errors.size() + " problem(s) in nodes", errors);
    }
    requireRoom(specs.size(), "nodes");
    Instant now = clock.instant();
    List<NodeRecord> added = new ArrayList<>();
    for (NodeSpec spec : specs) {
      added.add(new NodeRecord(spec.nodeId() != null ? spec.nodeId() : newId(), spec.ip(),
          spec.sshPort() == null ? 22 : spec.sshPort(),
          spec.sshUser() == null ? "root" : spec.sshUser(), spec.sshPassword(), spec.sshKey(),
          spec.vars(), NodeStatus.NEW, null, now, now, null, spec.becomePassword()));
    }
    return commit(added);
  }

  /**
   * Registers config IPs that were not registered: root on port 22 with the config's password.
   * The nodes are written at once but join the inventory only when the registration's
   * {@code join} runs, once the job naming them is saved, so a failed action leaves the
   * inventory as it was.
   */
  synchronized IpRegistration registerIps(List<String> ips, String password) {
    requireRoom(ips.size(), "node IPs to register");
    Instant now = clock.instant();
    List<NodeRecord> added = new ArrayList<>();
    Map<String, String> idOfIp = new LinkedHashMap<>();
    for (String ip : ips) {
      NodeRecord node = new NodeRecord(newId(), ip, 22, "root", password, null, Map.of(),
          NodeStatus.NEW, null, now, now, null);
      added.add(node);
      idOfIp.put(ip, node.nodeId());
    }
    List<NodeRecord> next = new ArrayList<>(byId.values());
    next.addAll(added);
    store.saveNodes(next);
    return new IpRegistration(idOfIp, () -> added.forEach(this::index));
  }

  /** The ids given to registered IPs, and how they join the inventory. */
  record IpRegistration(Map<String, String> idOfIp, Runnable join) {}

  /** Unregisters nodes; refuses, changing nothing, when any is unknown or part of the platform. */
  synchronized List<String> delete(List<String> nodeIds, Set<String> platformNodes) {
    if (nodeIds == null || nodeIds.isEmpty()) {
      throw QsApiException.invalidField("node_ids", "must list at least one node id");
    }
    // A node named twice is deleted once, as the caller meant.
    List<String> ids = List.copyOf(new LinkedHashSet<>(nodeIds));
    for (String id : ids) {
      require(id);
      if (platformNodes.contains(id)) {
        throw new QsApiException(RetCode.PERMISSION_DENIED, "node " + id
            + " belongs to the platform; remove it from the config before deleting it");
      }
    }
    Map<String, NodeRecord> kept = new LinkedHashMap<>(byId);
    ids.forEach(kept::remove);
    store.saveNodes(List.copyOf(kept.values()));
    ids.forEach(id -> idByIp.remove(byId.remove(id).ip()));
    return ids;
  }

  /**
   * Applies each change to its node as the node is now, and saves them together: for changes
   * computed before (a job's facts, a job's outcome) that must not undo one made meanwhile.
   * Nodes no longer registered, and changes that change nothing, are skipped.
   */
  synchronized void change(Map<String, UnaryOperator<NodeRecord>> changes) {
    List<NodeRecord> changed = new ArrayList<>();
    changes.forEach((id, change) -> get(id).ifPresent(node -> {
      NodeRecord next = change.apply(node);
      if (!next.equals(node)) {
        changed.add(next);
      }
    }));
    if (!changed.isEmpty()) {
      update(changed);
    }
  }

  /** Runs {@code change} holding the inventory: for a change that reads, checks, then writes. */
  synchronized <T> T modify(Supplier<T> change) {
    return change.get();
  }

  /** Replaces the given records (same ids), persisting first. */
  synchronized void update(Collection<NodeRecord> changed) {
    Map<String, NodeRecord> next = new LinkedHashMap<>(byId);
    changed.forEach(n -> next.put(n.nodeId(), n));
    store.saveNodes(List.copyOf(next.values()));
    changed.forEach(this::index);
  }

  /** Refuses, changing nothing, when {@code adding} more nodes would pass {@link #MAX_NODES}. */
  private void requireRoom(int adding, String what) {
    if (byId.size() + adding > MAX_NODES) {
      throw QsApiException.invalidField("nodes", "the inventory holds at most " + MAX_NODES
          + " nodes: " + byId.size() + " are registered and the request adds " + adding + " "
          + what + "; delete nodes first");
    }
  }

  private List<String> commit(List<NodeRecord> added) {
    List<NodeRecord> next = new ArrayList<>(byId.values());
    next.addAll(added);
    store.saveNodes(next);
    added.forEach(this::index);
    return added.stream().map(NodeRecord::nodeId).toList();
  }

  private void index(NodeRecord node) {
    byId.put(node.nodeId(), node);
    idByIp.put(node.ip(), node.nodeId());
  }

  private String newId() {
    String id;
    do {
      id = NodeIds.generate(random);
    } while (byId.containsKey(id));
    return id;
  }

  private static KnownNode known(NodeRecord node) {
    return new KnownNode(node.nodeId(), node.ip(), node.facts());
  }
}
