package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.client.QsClient;
import io.qingstor.installer.client.WaitOptions;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code CollectNodes}: collects the nodes' hardware facts over SSH and waits for the job. */
@Command(name = "collect-nodes", aliases = "collect",
    description = "Collect hardware facts of the given nodes (default: all) and wait for it.")
final class CollectNodesCommand extends JobCommand<JobResponse> {
  @Option(names = "--node-id", paramLabel = "NODE", description = "A node; repeat for more.")
  List<String> nodeIds;

  @Override
  Action action() {
    return Action.COLLECT_NODES;
  }

  @Override
  JobResponse invoke(QsClient client) {
    return client.collectNodes(new CollectNodesRequest(nodeIds));
  }

  @Override
  String jobId(JobResponse response) {
    return response.jobId();
  }

  @Override
  JobInfo await(QsClient client, String jobId, WaitOptions options) {
    return client.waitUntilJobFinished(jobId, options);
  }

  @Override
  String logCommand() {
    return "describe-jobs";
  }

  @Override
  void table(JobResponse response, PrintWriter out) {
    Table.pairs(out, "job_id", response.jobId());
  }
}
