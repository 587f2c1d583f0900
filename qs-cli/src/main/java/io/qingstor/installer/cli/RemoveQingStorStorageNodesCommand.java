package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.client.QsClient;
import picocli.CommandLine.Command;

/** {@code RemoveQingStorStorageNodes}: drains storage nodes out of their clusters and waits. */
@Command(name = "remove-qingstor-storage-nodes", aliases = "remove-storage",
    description = "Drain storage nodes and take them out of their clusters; wait for the job.")
final class RemoveQingStorStorageNodesCommand extends RemoveNodesCommand {
  @Override
  Action action() {
    return Action.REMOVE_QINGSTOR_STORAGE_NODES;
  }

  @Override
  JobResponse invoke(QsClient client) {
    return client.removeQingStorStorageNodes(request());
  }
}
