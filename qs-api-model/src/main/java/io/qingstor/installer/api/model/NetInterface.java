package io.qingstor.installer.api.model;

import java.util.List;

/** A network interface of a node: its name, MAC address and IP addresses (CIDR notation). */
public record NetInterface(String name, String mac, List<String> addresses) {
  public NetInterface {
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
  }
}
