package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.NodeIdsResponse;
import io.qingstor.installer.api.model.NodeModification;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ModifyNodes}: changes registered nodes from a file, or one node from flags; an absent
 * flag keeps the node's value. SSH secrets never come from a flag.
 */
@Command(name = "modify-nodes",
    description = "Change nodes' address, SSH credentials or vars: from a file, or one from flags.")
final class ModifyNodesCommand extends ActionCommand<NodeIdsResponse> {
  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "YAML or JSON with nodes: [{node_id, ip, ssh_port, ssh_user, ssh_password"
          + " or ssh_key, vars, reset_host_key}].")
  Path file;

  @Option(names = "--node-id", paramLabel = "NODE", description = "The node to change.")
  String nodeId;

  @Mixin NodeSshFlags node;

  @Option(names = "--reset-host-key",
      description = "Forget the pinned host key; the next connection records the one it finds.")
  boolean resetHostKey;

  @Override
  Action action() {
    return Action.MODIFY_NODES;
  }

  @Override
  NodeIdsResponse invoke(QsClient client) {
    return client.modifyNodes(request());
  }

  private ModifyNodesRequest request() {
    if ((file == null) == (nodeId == null)) {
      throw new UsageException("modify-nodes takes either -f FILE or --node-id NODE (with its"
          + " flags)");
    }
    if (file != null) {
      return RequestFile.read(file, ModifyNodesRequest.class);
    }
    return new ModifyNodesRequest(List.of(new NodeModification(nodeId, node.ip, node.sshPort,
        node.sshUser, node.password(env()), node.key(), node.vars,
        resetHostKey ? Boolean.TRUE : null)));
  }

  @Override
  void table(NodeIdsResponse response, PrintWriter out) {
    Table.pairs(out, "modified", response.nodeIds());
  }
}
