package io.qingstor.installer.client;

import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.JobNodeStatus;
import io.qingstor.installer.api.model.LogLine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One report of a waiter to its {@link ProgressListener}.
 *
 * @param jobId the job
 * @param status {@code stepN} while running, then {@code successful} or {@code failed}
 * @param stepTitle the current step's title, or null if the server sent none
 * @param progress the job's progress in percent (0-100), or null if the server sent none; it
 *     moves as the running step's nodes finish
 * @param newLines log lines not reported before, oldest first, possibly from several steps
 * @param elapsedSeconds seconds since the job started, or null if the server sent none
 * @param etaSeconds the server's estimate of the seconds left, or null when it has none (no
 *     earlier run of the steps still to run, or the job has ended)
 * @param nodes where the running (or failed) step's nodes stand, failed ones first, at most
 *     {@link io.qingstor.installer.api.model.JobInfo#MAX_NODES}; empty if the server sent none
 * @param nodeCounts every node of that step by status; empty if the server sent none
 */
public record Progress(
    String jobId, String status, String stepTitle, Integer progress, List<LogLine> newLines,
    Long elapsedSeconds, Long etaSeconds, List<JobNodeStatus> nodes,
    Map<String, Integer> nodeCounts) {

  /** Copies the lines, nodes and counts; null means none. */
  public Progress {
    newLines = newLines == null ? List.of() : List.copyOf(newLines);
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    nodeCounts = nodeCounts == null ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(nodeCounts));
  }

  /** A report without elapsed time, ETA or nodes (a server that sends none). */
  public Progress(String jobId, String status, String stepTitle, Integer progress,
      List<LogLine> newLines) {
    this(jobId, status, stepTitle, progress, newLines, null, null, null, null);
  }

  /** The running step's index ({@code 2} for {@code step2}); empty once the job has finished. */
  public OptionalInt stepIndex() {
    return JobStatuses.stepIndex(status);
  }
}
