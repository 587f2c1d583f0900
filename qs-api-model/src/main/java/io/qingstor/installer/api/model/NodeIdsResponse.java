package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiResponse;
import java.util.List;

/** The answer to {@code AddNodes}, {@code ModifyNodes} and {@code DeleteNodes}: the affected node ids, in request order. */
public record NodeIdsResponse(List<String> nodeIds) implements ApiResponse {
  public NodeIdsResponse {
    nodeIds = nodeIds == null ? List.of() : List.copyOf(nodeIds);
  }
}
