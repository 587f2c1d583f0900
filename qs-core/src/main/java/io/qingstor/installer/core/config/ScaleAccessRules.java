package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Formats.at;
import static io.qingstor.installer.core.config.Formats.quote;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodeAddition;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.NodeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@code ScaleQingStorAccess} request against the deployed config: each entry names a
 * node that is not an access node yet (once per request) and a new VIP, unused by the deployed
 * config and the request and not a node IP. The nodes and VIPs join the intranet network.
 */
final class ScaleAccessRules {
  private static final String PATH = "node_ids";

  private final PlatformConfig deployed;
  private final NodeRefResolver resolver;
  private final FactsRules facts;
  private final Problems problems;
  private final Set<String> accessNodes;
  /** Each node the request adds and the index of its entry. */
  private final Map<String, Integer> indexOfNode = new HashMap<>();

  ScaleAccessRules(PlatformConfig deployed, NodeRefResolver resolver, FactsRules facts,
      Problems problems) {
    this.deployed = deployed;
    this.resolver = resolver;
    this.facts = facts;
    this.problems = problems;
    this.accessNodes = new HashSet<>(deployed.accessNodeIds());
  }

  /**
   * The access nodes after the request: the intranet network with the entries appended. When
   * errors are reported the result is incomplete, and the caller drops it.
   */
  AccessNodes check(List<AccessNodeAddition> additions) {
    AccessNetwork intranet = deployed.accessNodes().intranet();
    if (additions == null || additions.isEmpty()) {
      problems.error(PATH, "must list at least one {node_id, vip} to add");
      return deployed.accessNodes();
    }
    List<NodeRef> nodes = new ArrayList<>(intranet.nodes());
    List<String> vips = new ArrayList<>(intranet.vips());
    for (int i = 0; i < additions.size(); i++) {
      AccessNodeAddition addition = additions.get(i);
      String nodePath = at(PATH, i) + ".node_id";
      NodeRefResolver.Resolved node = resolver.resolve(addition.nodeId(), nodePath);
      if (node != null && isNewAccessNode(node.id(), i, nodePath)) {
        facts.requireInterface(node.known(), intranet.networkInterface(), nodePath);
        nodes.add(NodeRef.of(node.id()));
      }
      if (isIpv4Vip(addition.vip(), at(PATH, i) + ".vip")) {
        vips.add(addition.vip());
      }
    }
    claimVips(additions);
    return new AccessNodes(
        new AccessNetwork(intranet.networkInterface(), nodes, vips, intranet.bridgeVip()),
        deployed.accessNodes().hasExternal(), deployed.accessNodes().external());
  }

  /** Reports at {@code path} when the node is an access node already or named twice. */
  private boolean isNewAccessNode(String nodeId, int index, String path) {
    if (accessNodes.contains(nodeId)) {
      problems.error(path, "node " + quote(nodeId) + " is already an access node");
      return false;
    }
    Integer first = indexOfNode.putIfAbsent(nodeId, index);
    if (first != null) {
      problems.error(path, "node " + quote(nodeId) + " is listed twice (also "
          + at(PATH, first) + ")");
      return false;
    }
    return true;
  }

  private boolean isIpv4Vip(String vip, String path) {
    if (vip == null) {
      problems.error(path, "missing: the VIP the new access node will hold");
      return false;
    }
    if (!Formats.isIpv4(vip)) {
      problems.error(path, quote(vip) + " is not an IPv4 address");
      return false;
    }
    return true;
  }

  /** After every node was resolved, so that VIPs are checked against all IPs to register. */
  private void claimVips(List<AccessNodeAddition> additions) {
    AddressRules addresses = new AddressRules(resolver, problems);
    addresses.reserve(deployed.qsConf().firstbox(), "qs_conf.firstbox");
    addresses.reserveDeployed(deployed.accessNodes());
    for (int i = 0; i < additions.size(); i++) {
      addresses.claim(additions.get(i).vip(), at(PATH, i) + ".vip");
    }
  }
}
