package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.AccessNodeAddition;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.client.QsClient;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ScaleQingStorAccess}: adds access nodes, each with its VIP, and waits for the job. */
@Command(name = "scale-qingstor-access", aliases = "scale-access",
    description = "Add access nodes with their VIPs to the running platform and wait for it.")
final class ScaleQingStorAccessCommand extends DeployJobCommand {
  @Option(names = "--node", required = true, paramLabel = "NODE_ID=VIP",
      description = "A node to add and the VIP it holds; repeat for more.")
  Map<String, String> nodes;

  @Override
  Action action() {
    return Action.SCALE_QINGSTOR_ACCESS;
  }

  @Override
  JobResponse invoke(QsClient client) {
    List<AccessNodeAddition> additions = nodes.entrySet().stream()
        .map(node -> new AccessNodeAddition(node.getKey(), node.getValue())).toList();
    return client.scaleQingStorAccess(new ScaleQingStorAccessRequest(additions, clientToken));
  }
}
