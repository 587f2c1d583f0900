package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.NodeIdsResponse;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
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

  @Option(names = "--ip", paramLabel = "ADDRESS", description = "The node's address.")
  String ip;

  @Option(names = "--node-id", paramLabel = "NODE", description = "Its id; default generated.")
  String nodeId;

  @Option(names = "--ssh-port", paramLabel = "PORT", description = "Default 22.")
  Integer sshPort;

  @Option(names = "--ssh-user", paramLabel = "USER", description = "Default root.")
  String sshUser;

  @Option(names = "--ssh-password-stdin",
      description = "Read the SSH password from the next line of standard input.")
  boolean sshPasswordStdin;

  @Option(names = "--ssh-key-file", paramLabel = "FILE", description = "A PEM private key file.")
  Path sshKeyFile;

  @Option(names = "--var", paramLabel = "KEY=VALUE", description = "A node var, e.g. qs_root=/srv.")
  Map<String, String> vars;

  @Override
  Action action() {
    return Action.ADD_NODES;
  }

  @Override
  NodeIdsResponse invoke(QsClient client) {
    return client.addNodes(request());
  }

  private AddNodesRequest request() {
    if ((file == null) == (ip == null)) {
      throw new UsageException("add-nodes takes either -f FILE or --ip ADDRESS (with its flags)");
    }
    if (file != null) {
      return RequestFile.read(file, AddNodesRequest.class);
    }
    String password = sshPasswordStdin ? env().readLine("the SSH password") : null;
    return new AddNodesRequest(List.of(
        new NodeSpec(nodeId, ip, sshPort, sshUser, password, RequestFile.text(sshKeyFile), vars)));
  }

  @Override
  void table(NodeIdsResponse response, PrintWriter out) {
    Table.pairs(out, "added", response.nodeIds());
  }
}
