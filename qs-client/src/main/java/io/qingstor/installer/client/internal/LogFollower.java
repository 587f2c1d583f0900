package io.qingstor.installer.client.internal;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.JobKind;
import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeJobsResponse;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.StepLog;
import io.qingstor.installer.client.QsClientException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Follows a job's log live until the job ends: step by step, each request held by the server
 * ({@code wait_seconds}) until a line arrives, the step or the job ends, so lines come as they
 * are written without polling. Any job with a log is followed (collect jobs through the deploy
 * log action).
 */
public final class LogFollower {
  /** The longest wait the server grants. */
  public static final int MAX_WAIT_SECONDS = 30;
  /** Left between a held request's longest wait and the client's read timeout. */
  private static final long MARGIN_MILLIS = 5_000;
  private static final Set<String> STEP_ENDED = Set.of("successful", "failed", "skipped");

  private final ActionInvoker invoker;
  private final int waitSeconds;

  /** A follower whose held requests last at most {@code waitSeconds} (1 to 30). */
  public LogFollower(ActionInvoker invoker, int waitSeconds) {
    this.invoker = requireNonNull(invoker, "invoker");
    if (waitSeconds < 1 || waitSeconds > MAX_WAIT_SECONDS) {
      throw new IllegalArgumentException("waitSeconds must be from 1 to 30, was " + waitSeconds);
    }
    this.waitSeconds = waitSeconds;
  }

  /**
   * The longest wait that ends before a client's timeouts cut the request (0 means none): the
   * shorter timeout less a margin, from 1 to 30 seconds.
   */
  public static int waitSecondsWithin(long readTimeoutMillis, long callTimeoutMillis) {
    long limit = Long.MAX_VALUE;
    for (long timeout : new long[] {readTimeoutMillis, callTimeoutMillis}) {
      if (timeout > 0) {
        limit = Math.min(limit, timeout);
      }
    }
    long seconds = limit == Long.MAX_VALUE ? MAX_WAIT_SECONDS : (limit - MARGIN_MILLIS) / 1000;
    return (int) Math.max(1, Math.min(MAX_WAIT_SECONDS, seconds));
  }

  /** Hands every line of the job to {@code consumer} once, in order; returns the final status. */
  public JobInfo follow(String jobId, Consumer<LogLine> consumer) {
    requireNonNull(consumer, "consumer");
    JobInfo info = describe(invoker, requireNonNull(jobId, "jobId"));
    Action logAction = JobKind.fromWireName(info.jobType())
        .flatMap(kind -> kind.family().logAction()).orElse(Action.GET_DEPLOY_QINGSTOR_LOG);
    int steps = info.totalSteps() == null ? 0 : info.totalSteps();
    int step = 0;
    long offset = 0;
    while (step < steps) {
      StepLog log = LogTail.stepOf(invoker.invoke(logAction, new JobLogRequest(jobId,
          JobStatuses.step(step), offset, null, null, waitSeconds), JobLogResponse.class), step);
      List<LogLine> lines = log == null ? List.of() : log.lines();
      lines.forEach(consumer);
      offset = LogTail.nextOffset(log, offset);
      if (!lines.isEmpty()) {
        continue;
      }
      if (log != null && STEP_ENDED.contains(log.status())) {
        step++;
        offset = 0;
        continue;
      }
      info = describe(invoker, jobId);
      if (JobStatuses.isFinal(info.status())) {
        return info; // ended before this step ran: the steps left have no lines
      }
    }
    return awaitEnd(jobId, logAction);
  }

  /** Every step ended; the job's own end follows at once: wait for it without polling. */
  private JobInfo awaitEnd(String jobId, Action logAction) {
    while (true) {
      JobInfo info = describe(invoker, jobId);
      if (JobStatuses.isFinal(info.status())) {
        return info;
      }
      invoker.invoke(logAction, new JobLogRequest(jobId, null, Long.MAX_VALUE, 1, null,
          waitSeconds), JobLogResponse.class);
    }
  }

  /** The job as {@code DescribeJobs} lists it. */
  static JobInfo describe(ActionInvoker invoker, String jobId) {
    DescribeJobsResponse response = invoker.invoke(Action.DESCRIBE_JOBS,
        new DescribeJobsRequest(List.of(jobId), null, null, null), DescribeJobsResponse.class);
    return response.jobs().stream()
        .filter(job -> jobId.equals(job.jobId()))
        .findFirst()
        .orElseThrow(() -> new QsClientException(
            "DescribeJobs does not list job " + jobId, null, false));
  }
}
