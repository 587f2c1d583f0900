package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code GetDeployQingStorLog}: a page of the log of a deploy or scale job, by step, with node names. */
@Command(name = "get-deploy-qingstor-log", aliases = "deploy-log",
    description = "Print the log of a deploy or scale job (default: the latest), by step,"
        + " with node names.")
final class GetDeployQingStorLogCommand extends ActionCommand<JobLogResponse> {
  @Option(names = "--job-id", paramLabel = "JOB", description = "The job; default the latest.")
  String jobId;

  @Option(names = "--job-status", paramLabel = "STEP",
      description = "Only this step (step2), or failed for the step that failed.")
  String jobStatus;

  @Option(names = "--offset", paramLabel = "N", description = "First line of each step (from 0).")
  Long offset;

  @Option(names = "--limit", paramLabel = "N", description = "Lines per step (server default 1000).")
  Integer limit;

  @Override
  Action action() {
    return Action.GET_DEPLOY_QINGSTOR_LOG;
  }

  @Override
  JobLogResponse invoke(QsClient client) {
    return client.getDeployQingStorLog(new JobLogRequest(jobId, jobStatus, offset, limit));
  }

  @Override
  void table(JobLogResponse response, PrintWriter out) {
    JobTables.log(response, out);
  }
}
