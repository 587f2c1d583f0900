package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Formats.at;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.StorageClusterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ok-to-remove gate of {@code RemoveQingStorStorageNodes} and
 * {@code RemoveQingStorAccessNodes}: a malformed list is a 1100; a removal that would leave a
 * storage cluster with fewer nodes than its copies (replica count, or the EC width the plan
 * declares in {@code ec_widths}), remove the last access node or leave a network's VIPs without
 * a node, or that names a node not in that role of the platform, is refused with 1400 naming
 * every reason. A node that cannot be reached may only leave with {@code force}, since it cannot
 * be drained. Nothing is stored here.
 */
public final class NodeRemovalRules {
  private static final String PATH = "node_ids";

  /**
   * The config after the removal and the nodes removed, in request order.
   *
   * @param config the deployed config without the nodes (and their VIPs)
   * @param nodeIds the nodes leaving the role
   */
  public record Removal(PlatformConfig config, List<String> nodeIds) {
    public Removal {
      nodeIds = List.copyOf(nodeIds);
    }
  }

  private final Map<Integer, Integer> ecWidths;

  /** A gate for a plan whose EC clusters need {@code ecWidths.get(ec_type)} nodes. */
  public NodeRemovalRules(Map<Integer, Integer> ecWidths) {
    this.ecWidths = Map.copyOf(ecWidths);
  }

  /**
   * Storage nodes leaving their clusters.
   *
   * @param unreachable the nodes marked unreachable, refused unless {@code force}
   * @throws QsApiException 1100 for a malformed list, 1400 when the gate refuses
   */
  public Removal removeStorage(List<NodeRef> refs, PlatformConfig deployed,
      Set<String> unreachable, boolean force) {
    List<String> ids = ids(refs);
    Refusals refusals = new Refusals();
    Set<String> storage = new LinkedHashSet<>(deployed.storageNodeIds());
    notInRole(ids, storage, "storage", refusals);
    reachable(ids, unreachable, force, refusals);
    Set<String> leaving = Set.copyOf(ids);
    List<StorageClusterSpec> clusters = new ArrayList<>();
    for (StorageClusterSpec cluster : deployed.storageNodes()) {
      List<NodeRef> kept = cluster.nodes().stream()
          .filter(n -> !leaving.contains(n.nodeId())).toList();
      if (kept.size() < cluster.nodes().size()) {
        checkCopies(cluster, kept.size(), refusals);
      }
      clusters.add(cluster.withNodes(kept));
    }
    refusals.throwIfAny("RemoveQingStorStorageNodes");
    return new Removal(deployed.withStorageNodes(clusters), ids);
  }

  /**
   * Access nodes leaving with their VIPs (intranet and external).
   *
   * @param unreachable the nodes marked unreachable, refused unless {@code force}
   * @throws QsApiException 1100 for a malformed list, 1400 when the gate refuses
   */
  public Removal removeAccess(List<NodeRef> refs, PlatformConfig deployed,
      Set<String> unreachable, boolean force) {
    List<String> ids = ids(refs);
    Refusals refusals = new Refusals();
    notInRole(ids, new LinkedHashSet<>(deployed.accessNodeIds()), "access", refusals);
    reachable(ids, unreachable, force, refusals);
    Set<String> leaving = Set.copyOf(ids);
    AccessNodes access = deployed.accessNodes();
    AccessNetwork intranet = without(access.intranet(), leaving, "intranet", refusals);
    AccessNetwork external = access.external() == null ? null
        : without(access.external(), leaving, "external", refusals);
    refusals.throwIfAny("RemoveQingStorAccessNodes");
    return new Removal(deployed.withAccessNodes(
        new AccessNodes(intranet, access.hasExternal(), external)), ids);
  }

  private void checkCopies(StorageClusterSpec cluster, int left, Refusals refusals) {
    String what = "storage cluster " + cluster.clusterId() + " (" + cluster.volume() + ", "
        + cluster.volType();
    int needed;
    if (StorageRules.REPLICATE.equals(cluster.volType())) {
      needed = cluster.replica();
      what += " replica " + needed + ")";
    } else {
      Integer width = ecWidths.get(cluster.ecType());
      if (width == null) {
        refusals.add(what + " ec_type " + cluster.ecType() + "): the plan does not declare how"
            + " many nodes this EC layout needs (ec_widths), so no node may leave it");
        return;
      }
      needed = width;
      what += " ec_type " + cluster.ecType() + ", " + width + " fragments)";
    }
    if (left < needed) {
      refusals.add(what + " would keep " + left + " node(s), fewer than the " + needed
          + " its objects are spread over; add nodes first (ScaleQingStorStorage), then remove");
    }
  }

  /** The network without the leaving nodes and their VIPs; refuses to leave it without nodes. */
  private static AccessNetwork without(AccessNetwork network, Set<String> leaving, String name,
      Refusals refusals) {
    List<NodeRef> nodes = new ArrayList<>();
    List<String> vips = new ArrayList<>();
    for (int i = 0; i < network.nodes().size(); i++) {
      if (!leaving.contains(network.nodes().get(i).nodeId())) {
        nodes.add(network.nodes().get(i));
        if (network.vips() != null && i < network.vips().size()) {
          vips.add(network.vips().get(i));
        }
      }
    }
    if (nodes.isEmpty() && !network.nodes().isEmpty()) {
      refusals.add("the " + name + " network would keep no access node: its VIP(s) "
          + String.join(", ", network.vips() == null ? List.of() : network.vips())
          + " and bridge VIP " + network.bridgeVip() + " would be left without a node (the"
          + " last access node stays); add another access node first (ScaleQingStorAccess)");
    }
    return new AccessNetwork(network.networkInterface(), nodes, vips, network.bridgeVip());
  }

  private static void notInRole(List<String> ids, Set<String> inRole, String role,
      Refusals refusals) {
    for (int i = 0; i < ids.size(); i++) {
      if (!inRole.contains(ids.get(i))) {
        refusals.add(at(PATH, i), "node " + ids.get(i) + " is not " + (role.equals("access")
            ? "an" : "a") + " " + role + " node of the platform (" + role + " nodes: "
            + String.join(", ", inRole) + ")");
      }
    }
  }

  private static void reachable(List<String> ids, Set<String> unreachable, boolean force,
      Refusals refusals) {
    for (int i = 0; i < ids.size(); i++) {
      if (!force && unreachable.contains(ids.get(i))) {
        refusals.add(at(PATH, i), "node " + ids.get(i) + " is unreachable, so it cannot be"
            + " drained: fix its address or credentials with ModifyNodes, or remove it with"
            + " force: true (its data is rebuilt from the other copies)");
      }
    }
  }

  /** The ids requested; 1100 when the list is missing, empty or names a node twice. */
  private static List<String> ids(List<NodeRef> refs) {
    if (refs == null || refs.isEmpty()) {
      throw QsApiException.invalidField(PATH, "must list at least one node id to remove");
    }
    Map<String, Integer> first = new HashMap<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      Integer before = first.putIfAbsent(refs.get(i).nodeId(), i);
      if (before != null) {
        errors.add(new FieldError(at(PATH, i), "node " + refs.get(i).nodeId()
            + " is listed twice (also " + at(PATH, before) + ")"));
      }
    }
    if (!errors.isEmpty()) {
      throw QsApiException.invalid(errors.size() + " problem(s) in node_ids; nothing was changed",
          errors);
    }
    return refs.stream().map(NodeRef::nodeId).toList();
  }

  /** Every reason the gate refuses, reported together as one 1400. */
  private static final class Refusals {
    private final List<FieldError> errors = new ArrayList<>();

    void add(String reason) {
      add(PATH, reason);
    }

    void add(String field, String reason) {
      errors.add(new FieldError(field, reason));
    }

    void throwIfAny(String action) {
      if (!errors.isEmpty()) {
        throw new QsApiException(RetCode.PERMISSION_DENIED, action + " refused, nothing was"
            + " changed: " + errors.stream().map(FieldError::message)
                .collect(Collectors.joining("; ")), errors);
      }
    }
  }
}
