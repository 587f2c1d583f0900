package io.qingstor.installer.cli;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.JobNodeStatus;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.StepLog;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** How jobs print for people: one job's status, a list of jobs, a job's log by step. */
final class JobTables {
  private JobTables() {}

  /**
   * One job's status as {@code key: value} lines, a {@code warning:} line per node the job went on
   * without, then the nodes of its running or failed step as a table, with how many the server
   * left out.
   */
  static void status(JobInfo job, PrintWriter out) {
    Table.pairs(out, "job_id", job.jobId(), "job_type", job.jobType(), "status", job.status(),
        "pre_status", job.preStatus(), "step", job.stepTitle(), "steps", job.totalSteps(),
        "progress", job.progress() == null ? null : job.progress() + "%", "error", job.error(),
        "created", job.createTime(), "started", job.startTime(), "ended", job.endTime(),
        "elapsed", seconds(job.elapsedSeconds()), "eta", seconds(job.etaSeconds()));
    if (job.failedNodes() != null) {
      out.println("went on without: " + String.join(", ", job.failedNodes()));
    }
    if (job.warnings() != null) {
      job.warnings().forEach(warning -> out.println("warning: " + warning));
    }
    if (job.nodes() == null || job.nodes().isEmpty()) {
      return;
    }
    Table table = Table.of("NODE", "STATUS", "STEP", "REASON", "ERROR");
    for (JobNodeStatus node : job.nodes()) {
      table.row(node.nodeId(), node.status(), node.step(), node.reason(), node.error());
    }
    table.print(out);
    int total = job.nodeTotal() == null ? 0 : job.nodeTotal();
    if (total > job.nodes().size()) {
      out.println("... " + (total - job.nodes().size()) + " more nodes: " + job.nodeCounts());
    }
  }

  private static String seconds(Long value) {
    return value == null ? null : value + "s";
  }

  /** Jobs as a table, one a row. */
  static void list(List<JobInfo> jobs, PrintWriter out) {
    Table table = Table.of("JOB", "TYPE", "STATUS", "PROGRESS", "STEP", "CREATED", "ERROR");
    for (JobInfo job : jobs) {
      table.row(job.jobId(), job.jobType(), job.status(),
          job.progress() == null ? null : job.progress() + "%", job.stepTitle(), job.createTime(),
          job.error());
    }
    table.print(out);
  }

  /** Each step's heading, then its lines with their node names, then where the next page starts. */
  static void log(JobLogResponse response, PrintWriter out) {
    for (Map.Entry<String, StepLog> step : response.log().entrySet()) {
      StepLog log = step.getValue();
      out.println("== " + step.getKey() + " " + (log.title() == null ? "" : log.title()) + " ("
          + log.status() + ", " + log.totalLines() + " lines)");
      for (LogLine line : log.lines()) {
        out.println(line.time() + "  " + LogLines.format(line));
      }
      if (log.nextOffset() != null && log.totalLines() != null
          && log.nextOffset() < log.totalLines()) {
        out.println("... more from --offset " + log.nextOffset());
      }
    }
  }
}
