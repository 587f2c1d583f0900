package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One network of the access nodes ({@code intranet} or {@code external}): the interface the
 * VIPs live on, the nodes, one VIP per node, and the bridge VIP.
 */
public record AccessNetwork(
    @JsonProperty("interface") String networkInterface,
    List<NodeRef> nodes,
    List<String> vips,
    String bridgeVip) {
  public AccessNetwork {
    nodes = nodes == null ? null : List.copyOf(nodes);
    vips = vips == null ? null : List.copyOf(vips);
  }
}
