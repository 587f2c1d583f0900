package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qingstor.installer.api.PlatformChanging;
import java.util.List;

/**
 * {@code ConfigQingStor}: the platform's config. {@code access_nodes} and {@code storage_nodes}
 * may sit beside {@code qs_conf} (as in the seed) or inside it; {@link #normalized()} puts them
 * beside it. Additive: {@code dry_run: true} answers the plan that would run and starts nothing.
 */
public record ConfigQingStorRequest(
    QsConf qsConf,
    AccessNodes accessNodes,
    List<StorageClusterSpec> storageNodes,
    String clientToken,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean dryRun) implements PlatformChanging {
  public ConfigQingStorRequest {
    storageNodes = storageNodes == null ? null : List.copyOf(storageNodes);
  }

  /** A request that configures for real. */
  public ConfigQingStorRequest(QsConf qsConf, AccessNodes accessNodes,
      List<StorageClusterSpec> storageNodes, String clientToken) {
    this(qsConf, accessNodes, storageNodes, clientToken, null);
  }

  /** True when the caller asked for the plan only ({@code dry_run: true}). */
  public boolean isDryRun() {
    return Boolean.TRUE.equals(dryRun);
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
    return new ConfigQingStorRequest(qsConf.withoutNodeSections(), access, storage, clientToken,
        dryRun);
  }

  @Override
  public ConfigQingStorRequest withClientToken(String token) {
    return new ConfigQingStorRequest(qsConf, accessNodes, storageNodes, token, dryRun);
  }
}
