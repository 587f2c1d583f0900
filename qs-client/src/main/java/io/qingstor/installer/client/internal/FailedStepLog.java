package io.qingstor.installer.client.internal;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.StepLog;
import java.util.List;

/**
 * Fetches the last lines of a failed job's failed step ({@code job_status=failed}): one request
 * when the first page holds the whole step, else a second one for the tail only.
 */
final class FailedStepLog {
  /** How many lines a {@link io.qingstor.installer.client.QsJobFailedException} carries. */
  static final int LAST_LINES = 20;

  private FailedStepLog() {}

  static List<LogLine> lastLines(ActionInvoker invoker, Action logAction, String jobId) {
    StepLog first = only(invoker.invoke(logAction,
        new JobLogRequest(jobId, JobStatuses.FAILED, null, null), JobLogResponse.class));
    if (first == null) {
      return List.of();
    }
    List<LogLine> lines = first.lines();
    if (first.totalLines() != null && first.totalLines() > lines.size()) {
      long tailStart = Math.max(0, first.totalLines() - LAST_LINES);
      StepLog tail = only(invoker.invoke(logAction,
          new JobLogRequest(jobId, JobStatuses.FAILED, tailStart, LAST_LINES),
          JobLogResponse.class));
      lines = tail == null ? List.of() : tail.lines();
    }
    return lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size());
  }

  private static StepLog only(JobLogResponse response) {
    return response.log().isEmpty() ? null : response.log().values().iterator().next();
  }
}
