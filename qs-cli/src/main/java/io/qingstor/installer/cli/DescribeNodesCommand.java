package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.DescribeNodesResponse;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code DescribeNodes}: the node inventory with roles, status and hardware facts. */
@Command(name = "describe-nodes", aliases = "nodes",
    description = "List registered nodes with roles, status and collected hardware facts.")
final class DescribeNodesCommand extends ActionCommand<DescribeNodesResponse> {
  private static final long GIB = 1L << 30;

  @Option(names = "--node-id", paramLabel = "NODE", description = "Only this node; repeatable.")
  List<String> nodeIds;

  @Option(names = "--status", paramLabel = "STATUS",
      description = "Only nodes in this status: new, ready, unreachable, deployed.")
  String status;

  @Override
  Action action() {
    return Action.DESCRIBE_NODES;
  }

  @Override
  DescribeNodesResponse invoke(QsClient client) {
    return client.describeNodes(new DescribeNodesRequest(nodeIds, status));
  }

  @Override
  void table(DescribeNodesResponse response, PrintWriter out) {
    Table table = Table.of("NODE", "IP", "SSH", "STATUS", "ROLES", "HOSTNAME", "OS", "CPUS",
        "MEMORY", "DISKS");
    for (NodeInfo node : response.nodes()) {
      HardwareFacts facts = node.facts();
      table.row(node.nodeId(), node.ip(), node.sshUser() + "@" + node.sshPort(), node.status(),
          node.roles(), facts == null ? null : facts.hostname(), facts == null ? null : facts.os(),
          facts == null ? null : facts.cpus(),
          facts == null || facts.memoryBytes() == null ? null
              : String.format("%.1fG", facts.memoryBytes() / (double) GIB),
          facts == null ? null : facts.blockDevices().size());
    }
    table.print(out);
  }
}
