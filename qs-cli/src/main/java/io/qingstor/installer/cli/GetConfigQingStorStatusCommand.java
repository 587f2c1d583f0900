package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code GetConfigQingStorStatus}: the status of a config job, or of the latest one. */
@Command(name = "get-config-qingstor-status", aliases = "config-status",
    description = "Show the status of a config job (default: the latest).")
final class GetConfigQingStorStatusCommand extends ActionCommand<JobInfo> {
  @Option(names = "--job-id", paramLabel = "JOB", description = "The job; default the latest.")
  String jobId;

  @Override
  Action action() {
    return Action.GET_CONFIG_QINGSTOR_STATUS;
  }

  @Override
  JobInfo invoke(QsClient client) {
    return client.getConfigQingStorStatus(jobId);
  }

  @Override
  void table(JobInfo response, PrintWriter out) {
    JobTables.status(response, out);
  }
}
