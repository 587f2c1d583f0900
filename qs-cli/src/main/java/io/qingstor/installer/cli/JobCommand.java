package io.qingstor.installer.cli;

import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.client.QsClient;
import io.qingstor.installer.client.WaitOptions;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Mixin;

/**
 * A subcommand whose action starts a job: unless {@code --no-wait}, it waits for the job with a
 * live progress display (and its log with {@code --follow}), then prints the job's final status.
 * A failed job exits {@link ExitCodes#FAILED} with the failed step's last lines.
 *
 * @param <R> the action's response type, which names the job
 */
abstract class JobCommand<R extends ApiResponse> extends ActionCommand<R> {
  @Mixin WaitFlags wait;

  /** The id of the job the answer names. */
  abstract String jobId(R response);

  /** Waits through the SDK's waiter for this kind of job. */
  abstract JobInfo await(QsClient client, String jobId, WaitOptions options);

  /** The subcommand that prints this kind of job's log, for hints. */
  abstract String logCommand();

  @Override
  int complete(QsClient client, R response) {
    if (wait.noWait) {
      return super.complete(client, response);
    }
    String jobId = jobId(response);
    PrintWriter err = env().err();
    err.println("job " + jobId + " started; its log: qsctl " + logCommand() + " --job-id " + jobId);
    err.flush();
    ProgressDisplay display = new ProgressDisplay(style(), err,
        printer().json() ? err : env().out(), wait.follow, Clock.systemUTC());
    JobInfo finished;
    try {
      finished = await(client, jobId, WaitOptions.builder().timeout(wait.timeout)
          .pollInterval(wait.pollInterval).progressListener(display).build());
    } finally {
      display.finish();
    }
    printer().printJob(finished, this::jobTable);
    return ExitCodes.OK;
  }

  private ProgressDisplay.Style style() {
    if (wait.progress != ProgressDisplay.Style.AUTO) {
      return wait.progress;
    }
    return env().terminal() ? ProgressDisplay.Style.BAR : ProgressDisplay.Style.LINES;
  }

  private void jobTable(JobInfo job, PrintWriter out) {
    JobTables.status(job, out);
    out.println("log:        qsctl " + logCommand() + " --job-id " + job.jobId());
  }
}
