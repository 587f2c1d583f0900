package io.qingstor.installer.client.internal;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.StepLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a job's log step by step, returning each line once. It remembers the first step not
 * yet finished and the offset reached in it; asked to read through step N, it drains the
 * earlier steps (they are done once the job has moved on) and pages through step N from that
 * offset with {@code job_status=stepN, offset=next_offset}. Between two polls it may wait for
 * the running step's next lines in a request the server holds ({@code wait_seconds}).
 */
final class LogTail {
  /** Bounds one drain, in case a server keeps answering full pages. */
  private static final int MAX_PAGES_PER_STEP = 1000;

  private final ActionInvoker invoker;
  private final Action logAction;
  private final String jobId;
  private final List<LogLine> waited = new ArrayList<>();
  private int openStep;
  private long offset;

  LogTail(ActionInvoker invoker, Action logAction, String jobId) {
    this.invoker = requireNonNull(invoker, "invoker");
    this.logAction = requireNonNull(logAction, "logAction");
    this.jobId = jobId;
  }

  /** The lines of steps up to {@code step} not returned before, oldest first. */
  List<LogLine> readThrough(int step) {
    List<LogLine> lines = new ArrayList<>(waited);
    waited.clear();
    while (openStep <= step) {
      lines.addAll(readRestOf(openStep));
      if (openStep == step) {
        break;
      }
      openStep++;
      offset = 0;
    }
    return lines;
  }

  /**
   * Waits up to {@code waitSeconds} for news of {@code step}, the running one, in one request the
   * server holds; the lines that came are returned by the next {@link #readThrough}. True when
   * lines came or the step ended, false when the time was up.
   */
  boolean awaitNews(int step, int waitSeconds) {
    if (openStep != step) {
      return true; // earlier steps ended with lines unread: news already
    }
    StepLog log = stepOf(invoker.invoke(logAction, new JobLogRequest(jobId,
        JobStatuses.step(step), offset, null, null, waitSeconds), JobLogResponse.class), step);
    if (log == null) {
      return false;
    }
    waited.addAll(log.lines());
    offset = nextOffset(log, offset);
    return !log.lines().isEmpty() || !("running".equals(log.status())
        || "pending".equals(log.status()));
  }

  private List<LogLine> readRestOf(int step) {
    List<LogLine> lines = new ArrayList<>();
    for (int page = 0; page < MAX_PAGES_PER_STEP; page++) {
      JobLogRequest request =
          new JobLogRequest(jobId, JobStatuses.step(step), offset, null);
      StepLog log = stepOf(invoker.invoke(logAction, request, JobLogResponse.class), step);
      if (log == null || log.lines().isEmpty()) {
        break;
      }
      lines.addAll(log.lines());
      offset = nextOffset(log, offset);
      if (log.totalLines() != null && offset >= log.totalLines()) {
        break;
      }
    }
    return lines;
  }

  /** Where to read next after {@code log}, read at {@code offset}. */
  static long nextOffset(StepLog log, long offset) {
    if (log == null) {
      return offset;
    }
    long next = offset + log.lines().size();
    return log.nextOffset() != null && log.nextOffset() > offset ? log.nextOffset() : next;
  }

  /** The step's entry, or the only entry when the server keyed it otherwise. */
  static StepLog stepOf(JobLogResponse response, int step) {
    StepLog log = response.log().get(JobStatuses.step(step));
    if (log == null && response.log().size() == 1) {
      log = response.log().values().iterator().next();
    }
    return log;
  }
}
