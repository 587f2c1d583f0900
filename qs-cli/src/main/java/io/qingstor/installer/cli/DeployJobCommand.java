package io.qingstor.installer.cli;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.client.QsClient;
import io.qingstor.installer.client.WaitOptions;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** A subcommand starting a job of the deploy family (deploy, scale): waits with its waiter. */
abstract class DeployJobCommand extends JobCommand<JobResponse> {
  @Option(names = "--client-token", paramLabel = "TOKEN",
      description = "Makes a repeated command return the first job instead of a new one.")
  String clientToken;

  @Override
  String jobId(JobResponse response) {
    return response.jobId();
  }

  @Override
  JobInfo await(QsClient client, String jobId, WaitOptions options) {
    return client.waitUntilDeployed(jobId, options);
  }

  @Override
  String logCommand() {
    return "get-deploy-qingstor-log";
  }

  @Override
  void table(JobResponse response, PrintWriter out) {
    Table.pairs(out, "job_id", response.jobId());
  }
}
