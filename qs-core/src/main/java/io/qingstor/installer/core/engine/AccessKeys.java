package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.core.AccessKey;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanAccessKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Resolves the plan's {@code access_keys} against the generated secrets and the config's VIPs. */
final class AccessKeys {
  private AccessKeys() {}

  /**
   * The keys whose secret has been generated (by the first platform job); endpoints are empty
   * before a config names access VIPs.
   */
  static List<AccessKey> resolve(Plan plan, Map<String, String> secrets,
      Optional<PlatformConfig> config) {
    List<AccessKey> keys = new ArrayList<>();
    for (PlanAccessKey key : plan.accessKeys()) {
      String secret = secrets.get(key.secret());
      if (secret != null) {
        keys.add(new AccessKey(key.accessKeyId(), secret, endpoints(plan, key, config)));
      }
    }
    return keys;
  }

  /**
   * Every access key's endpoints without duplicates, as DescribeQingStor's {@code platform_info}
   * shows them; null before a config or when the plan declares no access key.
   */
  static List<String> endpoints(Plan plan, Optional<PlatformConfig> config) {
    if (config.isEmpty() || plan.accessKeys().isEmpty()) {
      return null;
    }
    Set<String> all = new LinkedHashSet<>();
    plan.accessKeys().forEach(key -> all.addAll(endpoints(plan, key, config)));
    return List.copyOf(all);
  }

  private static List<String> endpoints(Plan plan, PlanAccessKey key,
      Optional<PlatformConfig> config) {
    Set<String> vips = new LinkedHashSet<>();
    config.map(PlatformConfig::accessNodes).ifPresent(access -> {
      addVips(access.intranet(), vips);
      addVips(access.external(), vips);
    });
    String port = plan.vars().get(key.portVar());
    List<String> endpoints = new ArrayList<>();
    for (String vip : vips) {
      endpoints.add("http://" + (vip.contains(":") ? "[" + vip + "]" : vip) + ":" + port);
    }
    return endpoints;
  }

  private static void addVips(AccessNetwork network, Set<String> into) {
    if (network != null && network.vips() != null) {
      into.addAll(network.vips());
    }
  }
}
