package io.qingstor.installer.core.nodes;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.NetInterface;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a config's expectations against a node's collected facts; each check answers a human
 * message naming what is missing and what the node does have, or empty when all is there.
 */
public final class FactsCheck {
  private FactsCheck() {}

  /** Returns a message when the node has no interface named {@code iface}. */
  public static Optional<String> missingInterface(HardwareFacts facts, String iface) {
    requireNonNull(iface, "iface");
    List<String> present = requireNonNull(facts, "facts").interfaces().stream()
        .map(NetInterface::name).toList();
    if (present.contains(iface)) {
      return Optional.empty();
    }
    return Optional.of("no interface " + iface + "; the node has " + listed(present));
  }

  /** Returns a message naming every device in {@code names} that the node does not have. */
  public static Optional<String> missingBlockDevices(HardwareFacts facts, List<String> names) {
    requireNonNull(names, "names");
    List<String> present = requireNonNull(facts, "facts").blockDevices().stream()
        .map(BlockDevice::name).toList();
    Set<String> have = Set.copyOf(present);
    List<String> missing = names.stream().filter(name -> !have.contains(name)).distinct()
        .toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("no block device " + String.join(", ", missing) + "; the node has "
        + listed(present));
  }

  private static String listed(List<String> names) {
    return names.isEmpty() ? "none" : names.stream().collect(Collectors.joining(", "));
  }
}
