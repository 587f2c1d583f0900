package io.qingstor.installer.bench;

import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.core.QingStorCore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** What the benchmarks that drive {@link QingStorCore} in-process share. */
final class CoreJobs {
  private CoreJobs() {
  }

  /** Waits for {@code jobId} to end; throws unless it ended successful. */
  static void finish(QingStorCore core, String jobId, Duration timeout)
      throws InterruptedException {
    if (!core.awaitIdle(timeout)) {
      throw new IllegalStateException("job " + jobId + " did not end in " + timeout);
    }
    JobInfo job = core.describeJobs(new DescribeJobsRequest(List.of(jobId), null, null, null))
        .jobs().get(0);
    if (!job.status().equals("successful")) {
      throw new IllegalStateException(job.jobType() + " job " + jobId + " " + job.status() + ": "
          + job.error());
    }
  }

  /** A block device this machine has (plans check it exists; bricks are directories). */
  static String blockDevice() throws IOException {
    try (Stream<Path> devices = Files.list(Path.of("/sys/block"))) {
      return devices.map(p -> p.getFileName().toString())
          .filter(name -> name.matches("[a-z][a-z0-9]{0,31}") && !name.startsWith("loop"))
          .sorted().findFirst().orElse("loop0");
    }
  }
}
