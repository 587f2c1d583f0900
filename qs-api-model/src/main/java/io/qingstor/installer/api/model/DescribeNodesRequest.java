package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;
import java.util.List;

/** {@code DescribeNodes}: the given nodes (all when absent), optionally only those in a status. */
public record DescribeNodesRequest(List<String> nodeIds, String status) implements ApiRequest {
  public DescribeNodesRequest {
    nodeIds = nodeIds == null ? null : List.copyOf(nodeIds);
  }
}
