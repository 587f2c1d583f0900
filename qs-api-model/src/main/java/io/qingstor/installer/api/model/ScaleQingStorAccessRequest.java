package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qingstor.installer.api.PlatformChanging;
import java.util.List;

/**
 * {@code ScaleQingStorAccess}: adds access nodes, each with its VIP, to a running platform.
 * Additive: {@code dry_run: true} answers the plan only; {@code plan_token} (from a dry run)
 * refuses the scale when the config, plan or inventory changed since.
 */
public record ScaleQingStorAccessRequest(List<AccessNodeAddition> nodeIds, String clientToken,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean dryRun, String planToken)
    implements PlatformChanging {
  public ScaleQingStorAccessRequest {
    nodeIds = nodeIds == null ? null : List.copyOf(nodeIds);
  }

  /** A request that scales for real, bound to no dry run. */
  public ScaleQingStorAccessRequest(List<AccessNodeAddition> nodeIds, String clientToken) {
    this(nodeIds, clientToken, null, null);
  }

  /** True when the caller asked for the plan only ({@code dry_run: true}). */
  public boolean isDryRun() {
    return Boolean.TRUE.equals(dryRun);
  }

  @Override
  public ScaleQingStorAccessRequest withClientToken(String token) {
    return new ScaleQingStorAccessRequest(nodeIds, token, dryRun, planToken);
  }
}
