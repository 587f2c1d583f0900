package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.DeleteNodesRequest;
import io.qingstor.installer.api.model.NodeIdsResponse;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code DeleteNodes}: unregisters nodes that are not part of the platform. */
@Command(name = "delete-nodes", description = "Unregister nodes that are not part of the platform.")
final class DeleteNodesCommand extends ActionCommand<NodeIdsResponse> {
  @Option(names = "--node-id", required = true, paramLabel = "NODE",
      description = "A node; repeat for more.")
  List<String> nodeIds;

  @Override
  Action action() {
    return Action.DELETE_NODES;
  }

  @Override
  NodeIdsResponse invoke(QsClient client) {
    return client.deleteNodes(new DeleteNodesRequest(nodeIds));
  }

  @Override
  void table(NodeIdsResponse response, PrintWriter out) {
    Table.pairs(out, "deleted", response.nodeIds());
  }
}
