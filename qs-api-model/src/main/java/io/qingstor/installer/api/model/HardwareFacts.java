package io.qingstor.installer.api.model;

import java.util.List;

/** What {@code CollectNodes} learned about a node's hardware and OS. */
public record HardwareFacts(
    String hostname,
    String os,
    String kernel,
    String arch,
    Integer cpus,
    Long memoryBytes,
    List<BlockDevice> blockDevices,
    List<NetInterface> interfaces,
    String collectTime) {
  public HardwareFacts {
    blockDevices = blockDevices == null ? List.of() : List.copyOf(blockDevices);
    interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
  }
}
