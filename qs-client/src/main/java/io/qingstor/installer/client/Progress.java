package io.qingstor.installer.client;

import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.LogLine;
import java.util.List;
import java.util.OptionalInt;

/**
 * One report of a waiter to its {@link ProgressListener}.
 *
 * @param jobId the job
 * @param status {@code stepN} while running, then {@code successful} or {@code failed}
 * @param stepTitle the current step's title, or null if the server sent none
 * @param progress the job's progress in percent (0-100), or null if the server sent none
 * @param newLines log lines not reported before, oldest first, possibly from several steps
 */
public record Progress(
    String jobId, String status, String stepTitle, Integer progress, List<LogLine> newLines) {

  /** Copies the lines; null means none. */
  public Progress {
    newLines = newLines == null ? List.of() : List.copyOf(newLines);
  }

  /** The running step's index ({@code 2} for {@code step2}); empty once the job has finished. */
  public OptionalInt stepIndex() {
    return JobStatuses.stepIndex(status);
  }
}
