package io.qingstor.installer.cli;

import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** A log action's subcommand: a page of a job's log by step, printed with node names. */
abstract class JobLogCommand extends ActionCommand<JobLogResponse> {
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
  JobLogResponse invoke(QsClient client) {
    return client.call(action(), new JobLogRequest(jobId, jobStatus, offset, limit));
  }

  @Override
  void table(JobLogResponse response, PrintWriter out) {
    JobTables.log(response, out);
  }
}
