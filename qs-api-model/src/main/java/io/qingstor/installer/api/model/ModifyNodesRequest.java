package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;
import java.util.List;

/** {@code ModifyNodes}: changes the address, SSH credentials or vars of registered nodes. */
public record ModifyNodesRequest(List<NodeModification> nodes) implements ApiRequest {
  public ModifyNodesRequest {
    nodes = nodes == null ? null : List.copyOf(nodes);
  }
}
