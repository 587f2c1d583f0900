package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.client.QsClient;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ScaleQingStorStorage}: adds storage nodes or clusters from a file and waits. */
@Command(name = "scale-qingstor-storage", aliases = "scale-storage",
    description = "Add storage nodes to a cluster, or a new cluster, and wait for it.")
final class ScaleQingStorStorageCommand extends DeployJobCommand {
  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
      description = "YAML or JSON with storage_nodes: the clusters to extend or add.")
  Path file;

  @Override
  Action action() {
    return Action.SCALE_QINGSTOR_STORAGE;
  }

  @Override
  JobResponse invoke(QsClient client) {
    ScaleQingStorStorageRequest request = RequestFile.read(file, ScaleQingStorStorageRequest.class);
    return client.scaleQingStorStorage(
        clientToken == null ? request : request.withClientToken(clientToken));
  }
}
