package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Formats.at;
import static io.qingstor.installer.core.config.Formats.quote;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps every VIP and bridge VIP unique, across intranet and external, and apart from the
 * firstbox and every node IP (registered nodes' and IPs to register). Claims must come after
 * every node reference of the request was resolved, so that the IPs to register are known.
 */
final class AddressRules {
  private final NodeRefResolver resolver;
  private final Problems problems;
  /** Each address in use and who uses it, as a message names it. */
  private final Map<String, String> users = new HashMap<>();

  AddressRules(NodeRefResolver resolver, Problems problems) {
    this.resolver = resolver;
    this.problems = problems;
  }

  /** Marks an address as taken (the firstbox, a deployed VIP) without checking it. */
  void reserve(String address, String user) {
    if (address != null) {
      users.putIfAbsent(address, user);
    }
  }

  /** Marks every VIP and bridge VIP of a deployed config as taken. */
  void reserveDeployed(AccessNodes access) {
    forEachAddress(access, (address, path) -> reserve(address, "the deployed " + path));
  }

  /** Claims every VIP and bridge VIP of a requested config, each at its own path. */
  void claimAll(AccessNodes access) {
    forEachAddress(access, this::claim);
  }

  /**
   * Claims one address for the field at {@code path}; reports when it is already used or is a
   * node's IP. An address that is not IPv4 is skipped: the syntax rules report it.
   */
  void claim(String address, String path) {
    if (!Formats.isIpv4(address)) {
      return;
    }
    String user = users.putIfAbsent(address, path);
    if (user != null) {
      problems.error(path, quote(address) + " is already used by " + user
          + ": every VIP and bridge VIP must be unique");
      return;
    }
    resolver.nodeWithIp(address).ifPresent(node -> problems.error(path, quote(address)
        + " is the IP of node " + quote(node) + ": a VIP must not be a node's own address"));
  }

  private interface AddressVisitor {
    void visit(String address, String path);
  }

  private static void forEachAddress(AccessNodes access, AddressVisitor visitor) {
    if (access == null) {
      return;
    }
    forEachAddress(access.intranet(), "access_nodes.intranet", visitor);
    if (Boolean.TRUE.equals(access.hasExternal())) {
      forEachAddress(access.external(), "access_nodes.external", visitor);
    }
  }

  private static void forEachAddress(AccessNetwork network, String path, AddressVisitor visitor) {
    if (network == null) {
      return;
    }
    List<String> vips = network.vips() == null ? List.of() : network.vips();
    for (int i = 0; i < vips.size(); i++) {
      visitor.visit(vips.get(i), at(path + ".vips", i));
    }
    visitor.visit(network.bridgeVip(), path + ".bridge_vip");
  }
}
