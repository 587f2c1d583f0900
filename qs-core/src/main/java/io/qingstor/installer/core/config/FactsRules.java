package io.qingstor.installer.core.config;

import static io.qingstor.installer.core.config.Formats.quote;

import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.NetInterface;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks declared hardware against collected facts: an access node must have its network's
 * interface, a storage node each of its cluster's block devices. A node without facts (not
 * collected yet, or an IP still to register) is not checked here; the config job's preflight
 * checks it over SSH.
 */
final class FactsRules {
  private final Problems problems;

  FactsRules(Problems problems) {
    this.problems = problems;
  }

  /** Reports at {@code path} when the node's facts lack the interface. */
  void requireInterface(KnownNode node, String interfaceName, String path) {
    if (node == null || node.facts() == null) {
      return;
    }
    Set<String> names = names(node.facts().interfaces(), NetInterface::name);
    if (!names.contains(interfaceName)) {
      problems.error(path, "node " + quote(node.nodeId()) + " has no interface "
          + quote(interfaceName) + " (it has: " + listed(names) + ")");
    }
  }

  /** Reports at {@code path} each device the node's facts lack. */
  void requireBlockDevices(KnownNode node, List<String> devices, String path) {
    if (node == null || node.facts() == null) {
      return;
    }
    HardwareFacts facts = node.facts();
    Set<String> names = names(facts.blockDevices(), BlockDevice::name);
    for (String device : devices) {
      if (!names.contains(device)) {
        problems.error(path, "node " + quote(node.nodeId()) + " has no block device "
            + quote(device) + " (it has: " + listed(names) + ")");
      }
    }
  }

  private static <T> Set<String> names(List<T> items, Function<T, String> name) {
    Set<String> names = new LinkedHashSet<>();
    for (T item : items) {
      if (item != null && name.apply(item) != null) {
        names.add(name.apply(item));
      }
    }
    return names;
  }

  private static String listed(Set<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
