package io.qingstor.installer.api.model;

import java.util.List;

/**
 * The summary of the configured platform in {@code DescribeQingStor}: zone, networks, VIPs and
 * storage clusters. Empty before the first accepted config.
 */
public record PlatformInfo(
    String zoneId,
    String firstbox,
    String globalDomain,
    List<String> qsNetwork,
    List<String> intranetVips,
    String bridgeVip,
    List<String> externalVips,
    List<StorageClusterSummary> storageClusters,
    Integer configVersion) {
  public PlatformInfo {
    qsNetwork = qsNetwork == null ? null : List.copyOf(qsNetwork);
    intranetVips = intranetVips == null ? null : List.copyOf(intranetVips);
    externalVips = externalVips == null ? null : List.copyOf(externalVips);
    storageClusters = storageClusters == null ? null : List.copyOf(storageClusters);
  }
}
