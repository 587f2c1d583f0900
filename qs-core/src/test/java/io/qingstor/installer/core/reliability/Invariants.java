package io.qingstor.installer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.platform.PlatformEvent;
import io.qingstor.installer.core.platform.PlatformStatus;
import io.qingstor.installer.core.platform.PlatformTransitions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The platform's status against its jobs, with the expected status read off the
 * {@link PlatformTransitions} table: while a platform job runs, the table's running status for its
 * type; once it ended, the status its success or failure leads to; {@code new} before any.
 */
final class Invariants {
  private Invariants() {}

  /** Whether a job has not ended. */
  static boolean active(JobInfo job) {
    return !job.status().equals("successful") && !job.status().equals("failed");
  }

  static boolean platformChanging(JobInfo job) {
    return JobType.fromWire(job.jobType()).platformChanging();
  }

  /** Checks the platform against its newest platform job, as a client sees them. */
  static void assertConsistent(QingStorInfo platform, List<JobInfo> newestFirst, String context) {
    check(platform, newestFirst, platformJobs(newestFirst).stream().findFirst(), context);
  }

  /**
   * Checks the platform against the job its record names ({@code currentJobId}, null before
   * any): jobs on disk that the platform never acknowledged do not count.
   */
  static void assertConsistent(QingStorInfo platform, List<JobInfo> newestFirst,
      String currentJobId, String context) {
    Optional<JobInfo> current = platformJobs(newestFirst).stream()
        .filter(j -> j.jobId().equals(currentJobId)).findFirst();
    if (currentJobId != null) {
      assertThat(current).as(context + ": the platform's job " + currentJobId + " exists")
          .isPresent();
    }
    check(platform, newestFirst, current, context);
  }

  private static List<JobInfo> platformJobs(List<JobInfo> jobs) {
    return jobs.stream().filter(Invariants::platformChanging).toList();
  }

  private static void check(QingStorInfo platform, List<JobInfo> jobs, Optional<JobInfo> last,
      String context) {
    PlatformStatus status = PlatformStatus.fromWire(platform.status());
    assertThat(platformJobs(jobs).stream().filter(Invariants::active))
        .as(context + ": at most one running platform job").hasSizeLessThanOrEqualTo(1);
    if (platform.preStatus() != null) {
      PlatformStatus pre = PlatformStatus.fromWire(platform.preStatus());
      assertThat(PlatformTransitions.legalEvents(pre).stream()
          .map(e -> PlatformTransitions.next(pre, e).orElseThrow()))
          .as(context + ": " + pre.wireName() + " -> " + status.wireName() + " is in the table")
          .contains(status);
    }
    PlatformStatus expected = last.map(Invariants::statusFor).orElse(PlatformStatus.NEW);
    assertThat(status).as(context + ": platform status for " + last.map(JobInfo::toString)
        .orElse("no platform job")).isEqualTo(expected);
  }

  /** The platform status a platform job implies: running, or where its outcome leads. */
  static PlatformStatus statusFor(JobInfo job) {
    JobType type = JobType.fromWire(job.jobType());
    PlatformStatus running = runningStatusOf(type);
    if (active(job)) {
      return running;
    }
    PlatformEvent event = job.status().equals("successful")
        ? type.succeededEvent() : type.failedEvent();
    return PlatformTransitions.next(running, event).orElseThrow();
  }

  /** The one running status of the table from which a job of {@code type} can end. */
  static PlatformStatus runningStatusOf(JobType type) {
    List<PlatformStatus> running = Arrays.stream(PlatformStatus.values())
        .filter(PlatformStatus::jobRunning)
        .filter(s -> PlatformTransitions.next(s, type.succeededEvent()).isPresent())
        .toList();
    assertThat(running).as("running status of " + type).hasSize(1);
    return running.get(0);
  }
}
