package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiResponse;
import java.util.List;

/** The answer to {@code DescribeNodes}. */
public record DescribeNodesResponse(List<NodeInfo> nodes, Integer totalCount) implements ApiResponse {
  public DescribeNodesResponse {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }
}
