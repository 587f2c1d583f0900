package io.qingstor.installer.api.model;

import io.qingstor.installer.api.PlatformChanging;
import java.util.List;

/**
 * {@code ConfigQingStor}: the platform's config. {@code access_nodes} and {@code storage_nodes}
 * may sit beside {@code qs_conf} (as in the seed) or inside it; {@link #normalized()} puts them
 * beside it.
 */
public record ConfigQingStorRequest(
    QsConf qsConf,
    AccessNodes accessNodes,
    List<StorageClusterSpec> storageNodes,
    String clientToken) implements PlatformChanging {
  public ConfigQingStorRequest {
    storageNodes = storageNodes == null ? null : List.copyOf(storageNodes);
  }

  /**
   * This request with the node sections beside {@code qs_conf}; a section given in both places
   * keeps the top-level one (validation reports the duplicate).
   */
  public ConfigQingStorRequest normalized() {
    if (qsConf == null) {
      return this;
    }
    AccessNodes access = accessNodes != null ? accessNodes : qsConf.accessNodes();
    List<StorageClusterSpec> storage = storageNodes != null ? storageNodes : qsConf.storageNodes();
    return new ConfigQingStorRequest(qsConf.withoutNodeSections(), access, storage, clientToken);
  }

  @Override
  public ConfigQingStorRequest withClientToken(String token) {
    return new ConfigQingStorRequest(qsConf, accessNodes, storageNodes, token);
  }
}
