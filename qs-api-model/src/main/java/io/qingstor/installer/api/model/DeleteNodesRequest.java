package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;
import java.util.List;

/** {@code DeleteNodes}: unregisters nodes that are not part of the platform. */
public record DeleteNodesRequest(List<String> nodeIds) implements ApiRequest {
  public DeleteNodesRequest {
    nodeIds = nodeIds == null ? null : List.copyOf(nodeIds);
  }
}
