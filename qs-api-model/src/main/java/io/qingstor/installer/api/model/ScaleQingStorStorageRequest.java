package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonAlias;
import io.qingstor.installer.api.PlatformChanging;
import java.util.List;

/**
 * {@code ScaleQingStorStorage}: an entry with an existing {@code cluster_id} adds nodes to that
 * cluster; the next {@code cluster_id} adds a storage cluster. {@code node_ids} is accepted as an
 * alias of {@code storage_nodes}. Additive: {@code dry_run} and {@code plan_token}, as on
 * {@link ScaleQingStorAccessRequest}.
 */
public record ScaleQingStorStorageRequest(
    @JsonAlias("node_ids") List<StorageClusterSpec> storageNodes, String clientToken,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean dryRun, String planToken)
    implements PlatformChanging {
  public ScaleQingStorStorageRequest {
    storageNodes = storageNodes == null ? null : List.copyOf(storageNodes);
  }

  /** A request that scales for real, bound to no dry run. */
  public ScaleQingStorStorageRequest(List<StorageClusterSpec> storageNodes, String clientToken) {
    this(storageNodes, clientToken, null, null);
  }

  /** True when the caller asked for the plan only ({@code dry_run: true}). */
  public boolean isDryRun() {
    return Boolean.TRUE.equals(dryRun);
  }

  @Override
  public ScaleQingStorStorageRequest withClientToken(String token) {
    return new ScaleQingStorStorageRequest(storageNodes, token, dryRun, planToken);
  }
}
