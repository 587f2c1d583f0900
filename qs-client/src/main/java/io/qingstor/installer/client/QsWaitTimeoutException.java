package io.qingstor.installer.client;

import io.qingstor.installer.api.model.JobInfo;
import java.time.Duration;

/**
 * A waiter gave up: the job had not finished when the overall timeout of its
 * {@link WaitOptions} expired. The job itself keeps running on the server.
 */
public class QsWaitTimeoutException extends QsException {
  private static final long serialVersionUID = 1L;

  private final String jobId;
  private final Duration timeout;
  private final transient JobInfo lastStatus;

  /**
   * A wait that timed out.
   *
   * @param jobId the job waited for, or null if the server never named it
   * @param timeout the overall timeout that expired
   * @param lastStatus the last status seen
   */
  public QsWaitTimeoutException(String jobId, Duration timeout, JobInfo lastStatus) {
    super("job " + jobId + " did not finish within " + timeout + "; last status "
        + (lastStatus == null ? "unknown" : lastStatus.status()), null);
    this.jobId = jobId;
    this.timeout = timeout;
    this.lastStatus = lastStatus;
  }

  /** The job waited for. */
  public String jobId() {
    return jobId;
  }

  /** The overall timeout that expired. */
  public Duration timeout() {
    return timeout;
  }

  /** The last status seen before giving up. */
  public JobInfo lastStatus() {
    return lastStatus;
  }
}
