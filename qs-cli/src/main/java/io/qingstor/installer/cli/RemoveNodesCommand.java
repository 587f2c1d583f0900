package io.qingstor.installer.cli;

import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.RemoveQingStorNodesRequest;
import java.util.List;
import picocli.CommandLine.Option;

/** A scale-in subcommand: the nodes to take out, {@code --force}, and waiting for the job. */
abstract class RemoveNodesCommand extends DeployJobCommand {
  @Option(names = "--node-id", required = true, paramLabel = "NODE_ID",
      description = "A node to take out; repeat for more.")
  List<String> nodeIds;

  @Option(names = "--force",
      description = "Do not contact the nodes (one that cannot be reached): no drain, the other"
          + " copies rebuild its data.")
  boolean force;

  /** The request the options describe. */
  RemoveQingStorNodesRequest request() {
    return new RemoveQingStorNodesRequest(nodeIds.stream().map(NodeRef::of).toList(),
        force ? Boolean.TRUE : null, clientToken, null, null);
  }
}
