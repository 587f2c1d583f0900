package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Formats.at;
import static io.qingstor.installer.core.config.Formats.quote;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.NodeRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@code access_nodes}: the intranet network and, exactly when {@code has_external} is
 * true, the external one, each with an interface name, its nodes, one VIP per node and a bridge
 * VIP. Uniqueness of addresses is {@link AddressRules}' job.
 */
final class AccessNodesRules {
  private static final String PATH = "access_nodes";

  private final NodeRefResolver resolver;
  private final FactsRules facts;
  private final Problems problems;

  AccessNodesRules(NodeRefResolver resolver, FactsRules facts, Problems problems) {
    this.resolver = resolver;
    this.facts = facts;
    this.problems = problems;
  }

  /** The canonical access nodes, or null when a required part is missing (an error is reported). */
  AccessNodes check(AccessNodes access) {
    if (access == null) {
      problems.error(PATH, "missing: the access (gateway) nodes, at least access_nodes.intranet");
      return null;
    }
    AccessNetwork intranet = network(access.intranet(), PATH + ".intranet");
    boolean hasExternal = Boolean.TRUE.equals(access.hasExternal());
    AccessNetwork external = null;
    if (hasExternal && access.external() == null) {
      problems.error(PATH + ".external", "missing: has_external is true, so the external network"
          + " (interface, nodes, vips, bridge_vip) is required");
    } else if (!hasExternal && access.external() != null) {
      problems.error(PATH + ".external",
          "given while has_external is not true: set has_external to true or remove it");
    } else if (hasExternal) {
      external = network(access.external(), PATH + ".external");
    }
    return intranet == null ? null : new AccessNodes(intranet, hasExternal, external);
  }

  private AccessNetwork network(AccessNetwork network, String path) {
    if (network == null) {
      problems.error(path, "missing: interface, nodes, vips and bridge_vip of the network");
      return null;
    }
    String interfaceName = network.networkInterface();
    boolean interfaceValid = checkInterface(interfaceName, path + ".interface");
    List<NodeRef> nodes = new ArrayList<>();
    for (NodeRefResolver.Entry entry : resolver.resolveList(network.nodes(), path + ".nodes")) {
      nodes.add(entry.ref());
      if (interfaceValid) {
        facts.requireInterface(entry.known(), interfaceName, at(path + ".nodes", entry.index()));
      }
    }
    checkVips(network, path);
    checkAddress(network.bridgeVip(), path + ".bridge_vip", "the bridge VIP");
    return new AccessNetwork(interfaceName, nodes, network.vips(), network.bridgeVip());
  }

  private boolean checkInterface(String name, String path) {
    if (name == null) {
      problems.error(path, "missing: the network interface the VIPs live on (e.g. eth0)");
      return false;
    }
    if (!Formats.isInterfaceName(name)) {
      problems.error(path, quote(name) + " is not a Linux interface name: 1 to 15 of"
          + " [A-Za-z0-9_.:-], not '.' or '..'");
      return false;
    }
    return true;
  }

  private void checkVips(AccessNetwork network, String path) {
    List<String> vips = network.vips();
    if (vips == null) {
      problems.error(path + ".vips", "missing: one VIP per node");
      return;
    }
    for (int i = 0; i < vips.size(); i++) {
      checkAddress(vips.get(i), at(path + ".vips", i), "a VIP");
    }
    int nodeCount = network.nodes() == null ? 0 : network.nodes().size();
    if (vips.size() != nodeCount) {
      problems.error(path + ".vips", "has " + vips.size() + " VIP(s) for " + nodeCount
          + " node(s): give exactly one VIP per node");
    }
  }

  private void checkAddress(String address, String path, String what) {
    if (address == null) {
      problems.error(path, "missing: " + what + ", an IPv4 address");
    } else if (!Formats.isIpv4(address)) {
      problems.error(path, quote(address) + " is not an IPv4 address");
    }
  }
}
