package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.qingstor.installer.api.PlatformChanging;
import java.util.List;

/**
 * {@code ScaleQingStorStorage}: an entry with an existing {@code cluster_id} adds nodes to that
 * cluster; the next {@code cluster_id} adds a storage cluster. {@code node_ids} is accepted as an
 * alias of {@code storage_nodes}.
 */
public record ScaleQingStorStorageRequest(
    @JsonAlias("node_ids") List<StorageClusterSpec> storageNodes, String clientToken)
    implements PlatformChanging {
  public ScaleQingStorStorageRequest {
    storageNodes = storageNodes == null ? null : List.copyOf(storageNodes);
  }

  @Override
  public ScaleQingStorStorageRequest withClientToken(String token) {
    return new ScaleQingStorStorageRequest(storageNodes, token);
  }
}
