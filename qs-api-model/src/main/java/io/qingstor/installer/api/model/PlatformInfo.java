package io.qingstor.installer.api.model;

import java.util.List;

/**
 * The summary of the configured platform in {@code DescribeQingStor}: zone, networks, VIPs and
 * storage clusters (empty before the first accepted config), the plan in use ({@code plan},
 * added) and the object store's endpoints, {@code http://<access VIP>:<port>} per access key port
 * of the plan ({@code endpoints}, added; absent before a config or when the plan declares no
 * access key).
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
    PlanInfo plan,
    List<String> endpoints) {
  public PlatformInfo {
    qsNetwork = qsNetwork == null ? null : List.copyOf(qsNetwork);
    intranetVips = intranetVips == null ? null : List.copyOf(intranetVips);
    externalVips = externalVips == null ? null : List.copyOf(externalVips);
    storageClusters = storageClusters == null ? null : List.copyOf(storageClusters);
    endpoints = endpoints == null ? null : List.copyOf(endpoints);
  }

  /** The summary without the plan and endpoints. */
  public PlatformInfo(String zoneId, String firstbox, String globalDomain, List<String> qsNetwork,
      List<String> intranetVips, String bridgeVip, List<String> externalVips,
      List<StorageClusterSummary> storageClusters, Integer configVersion) {
    this(zoneId, firstbox, globalDomain, qsNetwork, intranetVips, bridgeVip, externalVips,
        storageClusters, configVersion, null, null);
  }

  /** This summary naming the plan in use. */
  public PlatformInfo withPlan(PlanInfo planInUse) {
    return new PlatformInfo(zoneId, firstbox, globalDomain, qsNetwork, intranetVips, bridgeVip,
        externalVips, storageClusters, configVersion, planInUse, endpoints);
  }

  /** This summary with the object store's endpoints ({@code null}: none to show). */
  public PlatformInfo withEndpoints(List<String> storeEndpoints) {
    return new PlatformInfo(zoneId, firstbox, globalDomain, qsNetwork, intranetVips, bridgeVip,
        externalVips, storageClusters, configVersion, plan, storeEndpoints);
  }
}
