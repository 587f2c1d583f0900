package io.qingstor.installer.api.model;

import io.qingstor.installer.api.PlatformChanging;
import java.util.List;

/** {@code ScaleQingStorAccess}: adds access nodes, each with its VIP, to a running platform. */
public record ScaleQingStorAccessRequest(List<AccessNodeAddition> nodeIds, String clientToken)
    implements PlatformChanging {
  public ScaleQingStorAccessRequest {
    nodeIds = nodeIds == null ? null : List.copyOf(nodeIds);
  }

  @Override
  public ScaleQingStorAccessRequest withClientToken(String token) {
    return new ScaleQingStorAccessRequest(nodeIds, token);
  }
}
