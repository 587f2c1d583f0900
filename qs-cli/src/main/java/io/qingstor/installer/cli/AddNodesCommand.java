package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.NodeIdsResponse;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code AddNodes}: registers machines from a file, or one machine from flags. SSH secrets never
 * come from a flag: the password from standard input, a key from its file.
 */
@Command(name = "add-nodes",
    description = "Register machines with their SSH credentials: from a file, or one from flags.")
final class AddNodesCommand extends ActionCommand<NodeIdsResponse> {
  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "YAML or JSON with nodes: [{node_id, ip, ssh_port, ssh_user, ssh_password"
          + " or ssh_key, vars}]. Mode 0600 advised: it holds secrets.")
  Path file;

  @Option(names = "--node-id", paramLabel = "NODE", description = "Its id; default generated.")
  String nodeId;

  @Mixin NodeSshFlags node;

  @Override
  Action action() {
    return Action.ADD_NODES;
  }

  @Override
  NodeIdsResponse invoke(QsClient client) {
    return client.addNodes(request());
  }

  private AddNodesRequest request() {
    if ((file == null) == (node.ip == null)) {
      throw new UsageException("add-nodes takes either -f FILE or --ip ADDRESS (with its flags)");
    }
    if (file != null) {
      return RequestFile.read(file, AddNodesRequest.class);
    }
    return new AddNodesRequest(List.of(new NodeSpec(nodeId, node.ip, node.sshPort, node.sshUser,
        node.password(env()), node.key(), node.vars)));
  }

  @Override
  void table(NodeIdsResponse response, PrintWriter out) {
    Table.pairs(out, "added", response.nodeIds());
  }
}
