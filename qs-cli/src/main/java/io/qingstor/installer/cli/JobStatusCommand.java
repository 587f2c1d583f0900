package io.qingstor.installer.cli;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobStatusRequest;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** A status action's subcommand: one job's status, or the latest one's. */
abstract class JobStatusCommand extends ActionCommand<JobInfo> {
  @Option(names = "--job-id", paramLabel = "JOB", description = "The job; default the latest.")
  String jobId;

  @Override
  JobInfo invoke(QsClient client) {
    return client.call(action(), new JobStatusRequest(jobId));
  }

  @Override
  void table(JobInfo response, PrintWriter out) {
    JobTables.status(response, out);
  }
}
