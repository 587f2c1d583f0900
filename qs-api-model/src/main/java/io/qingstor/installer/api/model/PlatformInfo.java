package io.qingstor.installer.api.model;

import java.util.List;

/**
 * The summary of the configured platform in {@code DescribeQingStor}: zone, networks, VIPs and
 * storage clusters (empty before the first accepted config), and the plan in use ({@code plan},
 * added).
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
    Integer configVersion,
    PlanInfo plan) {
  public PlatformInfo {
    qsNetwork = qsNetwork == null ? null : List.copyOf(qsNetwork);
    intranetVips = intranetVips == null ? null : List.copyOf(intranetVips);
    externalVips = externalVips == null ? null : List.copyOf(externalVips);
    storageClusters = storageClusters == null ? null : List.copyOf(storageClusters);
  }

  /** The summary without the plan. */
  public PlatformInfo(String zoneId, String firstbox, String globalDomain, List<String> qsNetwork,
      List<String> intranetVips, String bridgeVip, List<String> externalVips,
      List<StorageClusterSummary> storageClusters, Integer configVersion) {
    this(zoneId, firstbox, globalDomain, qsNetwork, intranetVips, bridgeVip, externalVips,
        storageClusters, configVersion, null);
  }

  /** This summary naming the plan in use. */
  public PlatformInfo withPlan(PlanInfo planInUse) {
    return new PlatformInfo(zoneId, firstbox, globalDomain, qsNetwork, intranetVips, bridgeVip,
        externalVips, storageClusters, configVersion, planInUse);
  }
}
