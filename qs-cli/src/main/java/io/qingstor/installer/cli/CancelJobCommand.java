package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code CancelJob}: cancels a running job; it ends failed, naming who cancelled it. */
@Command(name = "cancel-job", description = "Cancel a running job.")
final class CancelJobCommand extends ActionCommand<JobResponse> {
  @Option(names = "--job-id", required = true, paramLabel = "JOB", description = "The job.")
  String jobId;

  @Override
  Action action() {
    return Action.CANCEL_JOB;
  }

  @Override
  JobResponse invoke(QsClient client) {
    return client.cancelJob(jobId);
  }

  @Override
  void table(JobResponse response, PrintWriter out) {
    Table.pairs(out, "cancelled", response.jobId());
  }
}
