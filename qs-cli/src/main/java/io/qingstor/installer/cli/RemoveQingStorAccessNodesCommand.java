package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.client.QsClient;
import picocli.CommandLine.Command;

/** {@code RemoveQingStorAccessNodes}: takes access nodes and their VIPs out and waits. */
@Command(name = "remove-qingstor-access-nodes", aliases = "remove-access",
    description = "Take access nodes and their VIPs out of the platform; wait for the job.")
final class RemoveQingStorAccessNodesCommand extends RemoveNodesCommand {
  @Override
  Action action() {
    return Action.REMOVE_QINGSTOR_ACCESS_NODES;
  }

  @Override
  JobResponse invoke(QsClient client) {
    return client.removeQingStorAccessNodes(request());
  }
}
