package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;
import java.util.List;

/** {@code CollectNodes}: a job gathering hardware facts over SSH from the given nodes (all when absent). */
public record CollectNodesRequest(List<String> nodeIds) implements ApiRequest {
  public CollectNodesRequest {
    nodeIds = nodeIds == null ? null : List.copyOf(nodeIds);
  }
}
