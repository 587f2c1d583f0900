package io.qingstor.installer.client.internal;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.JobFamily;
import io.qingstor.installer.api.JobKind;
import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobStatusRequest;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.client.QsClientException;
import io.qingstor.installer.client.QsException;
import io.qingstor.installer.client.QsJobFailedException;
import io.qingstor.installer.client.QsWaitTimeoutException;
import io.qingstor.installer.client.Sleeper;
import io.qingstor.installer.client.WaitOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Polls a job until it is {@code successful} (returning its final status), {@code failed}
 * (throwing {@link QsJobFailedException} with the failed step's last lines) or the overall
 * timeout expires (throwing {@link QsWaitTimeoutException}). Pauses through the
 * {@link Sleeper} and reads time from the {@link Clock}, so tests need not sleep.
 */
public final class JobWaiter {
  private final ActionInvoker invoker;
  private final Clock clock;
  private final Sleeper sleeper;
  private final int maxWaitSeconds;

  /**
   * A waiter calling actions through {@code invoker}; between polls it waits for log lines in
   * requests the server holds at most {@code maxWaitSeconds}.
   */
  public JobWaiter(ActionInvoker invoker, Clock clock, Sleeper sleeper, int maxWaitSeconds) {
    this.invoker = requireNonNull(invoker, "invoker");
    this.clock = requireNonNull(clock, "clock");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.maxWaitSeconds = maxWaitSeconds;
  }

  /**
   * Waits for a job of a family through its own status action.
   *
   * @param jobId the job, or null for the family's latest job
   */
  public JobInfo await(JobFamily family, String jobId, WaitOptions options) {
    Action statusAction = requireNonNull(family, "family").statusAction().orElseThrow(() ->
        new IllegalArgumentException(family.noun() + " jobs have no status action"));
    return new Wait(jobId, options,
        id -> invoker.invoke(statusAction, new JobStatusRequest(id), JobInfo.class),
        info -> family.logAction()).run();
  }

  /** Waits for any job through {@code DescribeJobs}; its log is followed when its type has one. */
  public JobInfo awaitAny(String jobId, WaitOptions options) {
    requireNonNull(jobId, "jobId");
    return new Wait(jobId, options, this::describeJob,
        info -> JobKind.fromWireName(info.jobType()).flatMap(kind -> kind.family().logAction()))
        .run();
  }

  private JobInfo describeJob(String jobId) {
    return LogFollower.describe(invoker, jobId);
  }

  /** One wait: its deadline, the job id once known, and the progress reporter. */
  private final class Wait {
    private final WaitOptions options;
    private final Function<String, JobInfo> poll;
    private final Function<JobInfo, Optional<Action>> logActionOf;
    private final Instant deadline;
    private String jobId;
    private ProgressReporter reporter;

    Wait(String jobId, WaitOptions options, Function<String, JobInfo> poll,
        Function<JobInfo, Optional<Action>> logActionOf) {
      this.jobId = jobId;
      this.options = requireNonNull(options, "options");
      this.poll = poll;
      this.logActionOf = logActionOf;
      this.deadline = clock.instant().plus(options.timeout());
    }

    JobInfo run() {
      while (true) {
        JobInfo info = poll.apply(jobId);
        if (jobId == null) {
          jobId = info.jobId();
        }
        report(info);
        if (JobStatuses.SUCCESSFUL.equals(info.status())) {
          return info;
        }
        if (JobStatuses.FAILED.equals(info.status())) {
          throw failed(info);
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
          throw new QsWaitTimeoutException(jobId, options.timeout(), info);
        }
        awaitNews(info, left.compareTo(options.pollInterval()) < 0 ? left : options.pollInterval());
      }
    }

    /**
     * Until the next poll: with a listener, a log request the server holds until the running
     * step's next lines (reported at once, without waiting out the interval); else, or for what
     * is left of the interval when the server answered early without news, a pause.
     */
    private void awaitNews(JobInfo info, Duration interval) {
      Instant start = clock.instant();
      if (reporter != null) {
        long seconds = Math.max(1, Math.min(maxWaitSeconds, (interval.toMillis() + 999) / 1000));
        if (reporter.awaitNews(info, (int) seconds)) {
          return;
        }
      }
      Duration rest = interval.minus(Duration.between(start, clock.instant()));
      if (!rest.isNegative() && !rest.isZero()) {
        pause(rest);
      }
    }

    private void report(JobInfo info) {
      if (options.progressListener().isEmpty()) {
        return;
      }
      if (reporter == null) {
        LogTail tail = logActionOf.apply(info)
            .map(logAction -> new LogTail(invoker, logAction, jobId))
            .orElse(null);
        reporter = new ProgressReporter(options.progressListener().get(), tail);
      }
      reporter.observe(jobId, info);
    }

    private QsJobFailedException failed(JobInfo info) {
      Optional<Action> logAction = logActionOf.apply(info);
      if (logAction.isEmpty()) {
        return new QsJobFailedException(info, List.of());
      }
      try {
        List<LogLine> lines = FailedStepLog.lastLines(invoker, logAction.get(), jobId);
        return new QsJobFailedException(info, lines);
      } catch (QsException logUnavailable) {
        // The job's failure is the news; a log that cannot be read must not hide it.
        QsJobFailedException failure = new QsJobFailedException(info, List.of());
        failure.addSuppressed(logUnavailable);
        return failure;
      }
    }

    private void pause(Duration delay) {
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QsClientException("interrupted while waiting for job " + jobId, e, false);
      }
    }
  }
}
