package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.WireTime;
import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.HostInfo;
import io.qingstor.installer.api.model.PlanInfo;
import io.qingstor.installer.api.model.PlatformInfo;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.api.model.StorageClusterSummary;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.PlatformRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds the {@code qingstor} object of DescribeQingStor from the platform, config and nodes. */
final class PlatformView {
  private final String consoleId;
  private final String installerVersion;
  private final Plan plan;

  PlatformView(String consoleId, String installerVersion, Plan plan) {
    this.consoleId = consoleId;
    this.installerVersion = installerVersion;
    this.plan = plan;
  }

  QingStorInfo describe(PlatformRecord platform, Optional<PlatformConfig> config,
      NodeInventory inventory) {
    List<HostInfo> hosts = new ArrayList<>();
    PlatformInfo info = new PlatformInfo(null, null, null, null, null, null, null, null, null);
    if (config.isPresent()) {
      NodeRoles roles = new NodeRoles(config.get());
      for (String id : roles.allNodes()) {
        Optional<NodeRecord> node = inventory.get(id);
        hosts.add(new HostInfo(id,
            node.map(NodeRecord::facts).map(f -> f.hostname()).orElse(null),
            node.map(NodeRecord::ip).orElse(null), roles.rolesOf(id),
            node.map(n -> n.status().name().toLowerCase()).orElse("unknown"),
            node.map(NodeRecord::failedIn).map(NodeRecord.FailedIn::wire).orElse(null)));
      }
      info = platformInfo(config.get(), platform.configVersion());
    }
    return new QingStorInfo(consoleId, WireTime.format(platform.createTime()),
        config.map(c -> c.qsConf().globalDomain()).orElse(null), hosts, installerVersion, 0,
        platform.deployed() ? 1 : 0, info.withPlan(new PlanInfo(plan.name(), plan.version()))
            .withEndpoints(AccessKeys.endpoints(plan, config)),
        "qingstor",
        platform.preStatus() == null ? null : platform.preStatus().wireName(),
        plan.payloadVersion(),
        platform.status().wireName(), WireTime.format(platform.updateTime()));
  }

  private static PlatformInfo platformInfo(PlatformConfig config, int version) {
    AccessNetwork intranet = config.accessNodes() == null ? null : config.accessNodes().intranet();
    AccessNetwork external = config.accessNodes() == null ? null : config.accessNodes().external();
    List<StorageClusterSummary> clusters = config.storageNodes() == null ? List.of()
        : config.storageNodes().stream().map(PlatformView::summary).collect(Collectors.toList());
    return new PlatformInfo(config.qsConf().zoneId(), config.qsConf().firstbox(),
        config.qsConf().globalDomain(), config.qsConf().qsNetwork(),
        intranet == null ? null : intranet.vips(), intranet == null ? null : intranet.bridgeVip(),
        external == null ? null : external.vips(), clusters, version);
  }

  private static StorageClusterSummary summary(StorageClusterSpec c) {
    return new StorageClusterSummary(c.clusterId(), c.volume(), c.volType(), c.replica(),
        c.ecType(), c.storageClass(), c.brickCount(), c.nodes().size());
  }
}
