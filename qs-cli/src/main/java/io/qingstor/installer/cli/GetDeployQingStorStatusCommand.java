package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code GetDeployQingStorStatus}: the status of a deploy or scale job, or of the latest one. */
@Command(name = "get-deploy-qingstor-status", aliases = "deploy-status",
    description = "Show the status of a deploy or scale job (default: the latest).")
final class GetDeployQingStorStatusCommand extends ActionCommand<JobInfo> {
  @Option(names = "--job-id", paramLabel = "JOB", description = "The job; default the latest.")
  String jobId;

  @Override
  Action action() {
    return Action.GET_DEPLOY_QINGSTOR_STATUS;
  }

  @Override
  JobInfo invoke(QsClient client) {
    return client.getDeployQingStorStatus(jobId);
  }

  @Override
  void table(JobInfo response, PrintWriter out) {
    JobTables.status(response, out);
  }
}
