package io.qingstor.installer.core.swift;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.testing.S3Client;
import io.qingstor.installer.testing.SigV4Signer;
import java.time.Duration;
import java.util.List;

/** What the swift plan tests do with their core: wait for a job, read its log, talk S3, close. */
final class SwiftJobs {
  private SwiftJobs() {}

  /** Waits until no job runs (at most {@code timeout}) and returns the job's final status. */
  static JobInfo await(QingStorCore core, String jobId, Duration timeout) {
    try {
      assertThat(core.awaitIdle(timeout)).as("job " + jobId + " finished").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return core.describeJobs(new DescribeJobsRequest(List.of(jobId), null, null, null)).jobs()
        .get(0);
  }

  /** The job's log as "stepN node: text" lines, for assertion messages and contents. */
  static String log(QingStorCore core, String jobId, boolean config) {
    JobLogRequest request = new JobLogRequest(jobId, null, null, 10000);
    var steps = (config ? core.getConfigQingStorLog(request)
        : core.getDeployQingStorLog(request)).log();
    StringBuilder text = new StringBuilder();
    steps.forEach((step, log) -> log.lines().forEach(line -> text.append(step).append(' ')
        .append(line.node()).append(": ").append(line.text()).append('\n')));
    return text.toString();
  }

  /** An S3 client for the store's credential on one VIP. */
  static S3Client s3(QingStorCore core, String vip, String zone) {
    return new S3Client("http://" + vip + ":8080",
        new SigV4Signer("qingstor:admin", core.accessKeys().get(0).secretKey(), zone));
  }

  /** Closes the core, then the nodes, and checks that no Swift daemon outlived them. */
  static void close(QingStorCore core, SwiftNodes nodes) {
    if (core != null) {
      core.close();
    }
    if (nodes != null) {
      nodes.close();
      assertThat(nodes.liveDaemons()).isEmpty();
    }
  }
}
