package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.NodeIdsResponse;
import io.qingstor.installer.api.model.NodeModification;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
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

  @Option(names = "--ip", paramLabel = "ADDRESS", description = "Its new address.")
  String ip;

  @Option(names = "--ssh-port", paramLabel = "PORT", description = "Its new SSH port.")
  Integer sshPort;

  @Option(names = "--ssh-user", paramLabel = "USER", description = "Its new SSH user.")
  String sshUser;

  @Option(names = "--ssh-password-stdin",
      description = "Read the new SSH password from the next line of standard input.")
  boolean sshPasswordStdin;

  @Option(names = "--ssh-key-file", paramLabel = "FILE", description = "A new PEM private key.")
  Path sshKeyFile;

  @Option(names = "--var", paramLabel = "KEY=VALUE",
      description = "Replaces the node's vars with these; repeatable.")
  Map<String, String> vars;

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
    String password = sshPasswordStdin ? env().readLine("the SSH password") : null;
    return new ModifyNodesRequest(List.of(new NodeModification(nodeId, ip, sshPort, sshUser,
        password, RequestFile.text(sshKeyFile), vars, resetHostKey ? Boolean.TRUE : null)));
  }

  @Override
  void table(NodeIdsResponse response, PrintWriter out) {
    Table.pairs(out, "modified", response.nodeIds());
  }
}
