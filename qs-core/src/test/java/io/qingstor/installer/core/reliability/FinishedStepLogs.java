package io.qingstor.installer.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.StepLog;
import io.qingstor.installer.core.QingStorCore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Byte snapshots of every step log from the moment the core reports the step finished
 * (successful, failed or skipped); a later look must find the same bytes.
 */
final class FinishedStepLogs {
  private static final Set<String> FINISHED = Set.of("successful", "failed", "skipped");

  private final Path data;
  private final Map<String, byte[]> snapshots = new HashMap<>();

  FinishedStepLogs(Path data) {
    this.data = data;
  }

  /** Snapshots newly finished steps of {@code jobs} and compares the others to their snapshot. */
  void assertUnchanged(QingStorCore core, List<JobInfo> jobs) {
    for (JobInfo job : jobs) {
      JobLogRequest request = new JobLogRequest(job.jobId(), null, null, 1);
      Map<String, StepLog> steps = job.jobType().equals("config")
          ? core.getConfigQingStorLog(request).log() : core.getDeployQingStorLog(request).log();
      steps.forEach((step, log) -> {
        if (FINISHED.contains(log.status())) {
          byte[] now = read(data.resolve("jobs").resolve(job.jobId())
              .resolve("step-" + step.substring("step".length()) + ".log"));
          byte[] before = snapshots.putIfAbsent(job.jobId() + "/" + step, now);
          if (before != null) {
            assertThat(now).as(job.jobId() + " " + step + " (" + log.status()
                + ") log changed after the step finished").isEqualTo(before);
          }
        }
      });
    }
  }

  /** How many finished step logs it holds. */
  int size() {
    return snapshots.size();
  }

  private static byte[] read(Path file) {
    try {
      return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
