package io.qingstor.installer.client.internal;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.client.Progress;
import io.qingstor.installer.client.ProgressListener;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Turns a waiter's polls into {@link Progress} reports: after each poll it reads the log lines
 * written since the last one (through the running step, or through the last step once the job
 * has finished) and reports when the status, title, percentage, ETA or node counts changed or
 * lines arrived.
 */
final class ProgressReporter {
  private final ProgressListener listener;
  private final LogTail tail;
  private Progress last;

  /**
   * A reporter.
   *
   * @param tail the job's log, or null when the job has no log action
   */
  ProgressReporter(ProgressListener listener, LogTail tail) {
    this.listener = requireNonNull(listener, "listener");
    this.tail = tail;
  }

  void observe(String jobId, JobInfo info) {
    OptionalInt through = lastStepToRead(info);
    List<LogLine> lines = tail == null || through.isEmpty()
        ? List.of() : tail.readThrough(through.getAsInt());
    Progress progress = new Progress(jobId, info.status(), info.stepTitle(), info.progress(),
        lines, info.elapsedSeconds(), info.etaSeconds(), info.nodes(), info.nodeCounts());
    if (last == null || !lines.isEmpty() || changed(last, progress)) {
      listener.onProgress(progress);
    }
    last = progress;
  }

  /**
   * Waits up to {@code waitSeconds} for news of the running step, in place of a pause between
   * two polls; false when there is nothing to wait on (no log, the job not running a step) or
   * the time was up without news.
   */
  boolean awaitNews(JobInfo info, int waitSeconds) {
    OptionalInt running = JobStatuses.stepIndex(info.status());
    return tail != null && running.isPresent() && tail.awaitNews(running.getAsInt(), waitSeconds);
  }

  /** The running step; once finished, the step it finished in ({@code pre_status}). */
  private static OptionalInt lastStepToRead(JobInfo info) {
    return JobStatuses.isFinal(info.status())
        ? JobStatuses.stepIndex(info.preStatus()) : JobStatuses.stepIndex(info.status());
  }

  private static boolean changed(Progress before, Progress now) {
    return !Objects.equals(before.status(), now.status())
        || !Objects.equals(before.stepTitle(), now.stepTitle())
        || !Objects.equals(before.progress(), now.progress())
        || !Objects.equals(before.etaSeconds(), now.etaSeconds())
        || !Objects.equals(before.nodeCounts(), now.nodeCounts());
  }
}
