package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ResetQingStor} (admin only): runs the plan's reset job; the platform then returns to
 * {@code new} with its nodes kept.
 */
@Command(name = "reset-qingstor",
    description = "Reset the platform to new (admin only): runs the plan's reset job.")
final class ResetQingstorCommand extends ActionCommand<JobResponse> {
  @Option(names = "--confirm", required = true, paramLabel = "CONSOLE_ID",
      description = "The platform's console_id, as describe-qingstor shows it.")
  String confirm;

  @Override
  Action action() {
    return Action.RESET_QINGSTOR;
  }

  @Override
  JobResponse invoke(QsClient client) {
    return client.resetQingStor(confirm);
  }

  @Override
  void table(JobResponse response, PrintWriter out) {
    Table.pairs(out, "job_id", response.jobId());
  }
}
