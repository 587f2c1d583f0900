package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;
import java.util.List;

/** {@code AddNodes}: registers machines with their SSH credentials. */
public record AddNodesRequest(List<NodeSpec> nodes) implements ApiRequest {
  public AddNodesRequest {
    nodes = nodes == null ? null : List.copyOf(nodes);
  }
}
