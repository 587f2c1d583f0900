package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.DescribeQingStorResponse;
import io.qingstor.installer.api.model.HostInfo;
import io.qingstor.installer.api.model.PlatformInfo;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.api.model.StorageClusterSummary;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code DescribeQingStor}: the platform's status, hosts, storage clusters and endpoints. */
@Command(name = "describe-qingstor", aliases = "describe",
    description = "Show the platform: status, hosts with roles, storage clusters, endpoints.")
final class DescribeQingStorCommand extends ActionCommand<DescribeQingStorResponse> {
  @Override
  Action action() {
    return Action.DESCRIBE_QINGSTOR;
  }

  @Override
  DescribeQingStorResponse invoke(QsClient client) {
    return client.describeQingStor();
  }

  @Override
  void table(DescribeQingStorResponse response, PrintWriter out) {
    QingStorInfo info = response.qingstor();
    PlatformInfo platform = info.platformInfo();
    boolean configured = platform != null && platform.zoneId() != null;
    Table.pairs(out, "status", info.status(), "pre_status", info.preStatus(),
        "deployed", Integer.valueOf(1).equals(info.isDeployed()) ? "yes" : "no",
        "zone", configured ? platform.zoneId() : null,
        "global_domain", configured ? platform.globalDomain() : null,
        "intranet_vips", configured ? platform.intranetVips() : null,
        "bridge_vip", configured ? platform.bridgeVip() : null,
        "updated", info.updateTime());
    if (!info.hosts().isEmpty()) {
      out.println();
      Table hosts = Table.of("NODE", "HOSTNAME", "IP", "ROLES", "STATUS");
      for (HostInfo host : info.hosts()) {
        hosts.row(host.nodeId(), host.hostname(), host.ip(), host.roles(), host.status());
      }
      hosts.print(out);
    }
    if (configured && platform.storageClusters() != null && !platform.storageClusters().isEmpty()) {
      out.println();
      Table clusters = Table.of("CLUSTER", "VOLUME", "TYPE", "REPLICA", "BRICKS", "NODES", "CLASS");
      for (StorageClusterSummary cluster : platform.storageClusters()) {
        clusters.row(cluster.clusterId(), cluster.volume(), cluster.volType(), cluster.replica(),
            cluster.brickCount(), cluster.nodeCount(), cluster.storageClass());
      }
      clusters.print(out);
    }
  }
}
