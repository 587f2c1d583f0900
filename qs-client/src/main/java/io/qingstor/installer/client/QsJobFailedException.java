package io.qingstor.installer.client;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.LogLine;
import java.util.List;

/**
 * A waited-for job ended {@code failed}. Carries the job's final status ({@code pre_status} names
 * the step that failed, {@code error} says why) and the last lines of that step's log.
 */
public class QsJobFailedException extends QsException {
  private static final long serialVersionUID = 1L;

  private final transient JobInfo job;
  private final transient List<LogLine> lastLogLines;

  /**
   * A failed job.
   *
   * @param job the job's final status
   * @param lastLogLines the failed step's last log lines, oldest first; empty when unavailable
   */
  public QsJobFailedException(JobInfo job, List<LogLine> lastLogLines) {
    super(describe(requireNonNull(job, "job")), null);
    this.job = job;
    this.lastLogLines = lastLogLines == null ? List.of() : List.copyOf(lastLogLines);
  }

  /** The job's final status as the server reported it. */
  public JobInfo job() {
    return job;
  }

  /** The id of the failed job. */
  public String jobId() {
    return job.jobId();
  }

  /** The step that failed ({@code step2}): the job's {@code pre_status}; null if not reported. */
  public String failedStep() {
    return job.preStatus();
  }

  /** Why the job failed, as the server put it; null if not reported. */
  public String error() {
    return job.error();
  }

  /** The failed step's last log lines (at most 20), oldest first. */
  public List<LogLine> lastLogLines() {
    return lastLogLines;
  }

  private static String describe(JobInfo job) {
    StringBuilder text = new StringBuilder("job ").append(job.jobId()).append(" failed");
    if (job.preStatus() != null) {
      text.append(" in ").append(job.preStatus());
    }
    if (job.stepTitle() != null) {
      text.append(" (").append(job.stepTitle()).append(')');
    }
    if (job.error() != null) {
      text.append(": ").append(job.error());
    }
    return text.toString();
  }
}
