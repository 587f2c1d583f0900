package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.job.JobRecord;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The ledgers of the running jobs, so that a step's runner finds its own by job id. */
final class JobLedgers {
  private final Map<String, JobLedger> open = new ConcurrentHashMap<>();
  private final Clock clock;

  /** Ledgers stamping each node's start and end with {@code clock}. */
  JobLedgers(Clock clock) {
    this.clock = clock;
  }

  JobLedger open(JobRecord job, Consumer<JobRecord> save, Consumer<JobRecord> publish) {
    JobLedger ledger = new JobLedger(job, save, publish);
    open.put(job.jobId(), ledger);
    return ledger;
  }

  /** The job is ending: its ledger takes no more changes (see {@link JobLedger#close}). */
  void close(String jobId) {
    JobLedger ledger = open.remove(jobId);
    if (ledger != null) {
      ledger.close();
    }
  }

  /**
   * The ledger of step {@code index} of a running job.
   *
   * @throws IllegalStateException when the job is not running
   */
  StepLedger step(String jobId, int index) {
    return new StepLedger(job(jobId), index, clock);
  }

  /**
   * The ledger of a running job.
   *
   * @throws IllegalStateException when the job is not running
   */
  JobLedger job(String jobId) {
    JobLedger ledger = open.get(jobId);
    if (ledger == null) {
      throw new IllegalStateException("job " + jobId + " is not running");
    }
    return ledger;
  }
}
