package io.qingstor.installer.cli;

import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.client.Progress;
import io.qingstor.installer.client.ProgressListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Shows a waited-for job: on a terminal a live bar redrawn in place (step, percent, the step's
 * nodes done, and the server's ETA, or without one its own from the pace so far), else one
 * line per change of step or percent; with {@code follow}, every new log line with its node name.
 * The bar goes to standard error, so results on standard output stay clean.
 */
final class ProgressDisplay implements ProgressListener {
  /** How progress shows. */
  enum Style {
    /** A bar on a terminal, lines otherwise. */
    AUTO,
    /** A live bar redrawn with carriage returns. */
    BAR,
    /** One line per change. */
    LINES,
    /** Nothing. */
    NONE
  }

  private static final int BAR_WIDTH = 30;
  /** Carriage return, then ANSI "erase to end of line". */
  private static final String CLEAR_LINE = "\r\033[K";

  private final Style style;
  private final PrintWriter bar;
  private final PrintWriter logs;
  private final boolean follow;
  private final Clock clock;
  private final Instant start;
  private boolean drawn;
  private String lastSummary;
  private Progress last;

  /**
   * A display.
   *
   * @param bar where the bar or progress lines go (standard error)
   * @param logs where followed log lines go
   */
  ProgressDisplay(Style style, PrintWriter bar, PrintWriter logs, boolean follow, Clock clock) {
    this.style = style;
    this.bar = bar;
    this.logs = logs;
    this.follow = follow;
    this.clock = clock;
    this.start = clock.instant();
  }

  @Override
  public void onProgress(Progress progress) {
    if (follow && !progress.newLines().isEmpty()) {
      clearBar();
      for (LogLine line : progress.newLines()) {
        logs.println(LogLines.format(line));
      }
      logs.flush();
    }
    last = progress;
    switch (style) {
      case BAR -> draw(progress);
      case LINES -> printIfChanged(progress);
      default -> { }
    }
  }

  /** Ends the display: the bar's line is finished so the next output starts on its own line. */
  void finish() {
    if (drawn) {
      bar.println();
      bar.flush();
      drawn = false;
    }
  }

  private void draw(Progress progress) {
    bar.print(CLEAR_LINE + frame(progress, true));
    bar.flush();
    drawn = true;
  }

  private void clearBar() {
    if (drawn) {
      bar.print(CLEAR_LINE);
      bar.flush();
      drawn = false;
    }
  }

  private void printIfChanged(Progress progress) {
    String summary = frame(progress, false);
    if (!Objects.equals(summary, lastSummary)) {
      bar.println(summary);
      bar.flush();
      lastSummary = summary;
    }
  }

  /**
   * {@code [#####-----]  50%  step2  Lay out bricks  7/10 nodes  ETA 12s}; without bar, nodes and
   * ETA for lines.
   */
  String frame(Progress progress, boolean withBar) {
    int percent = progress.progress() == null ? 0 : Math.max(0, Math.min(100, progress.progress()));
    StringBuilder text = new StringBuilder();
    if (withBar) {
      int filled = percent * BAR_WIDTH / 100;
      text.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled))
          .append("] ");
    }
    text.append(String.format("%3d%%  %s", percent, progress.status()));
    if (progress.stepTitle() != null) {
      text.append("  ").append(progress.stepTitle());
    }
    if (withBar && !progress.nodeCounts().isEmpty()) {
      int total = JobInfo.total(progress.nodeCounts());
      int finished = total - progress.nodeCounts().getOrDefault("pending", 0)
          - progress.nodeCounts().getOrDefault("running", 0);
      text.append("  ").append(finished).append('/').append(total).append(" nodes");
    }
    if (withBar && progress.etaSeconds() != null && percent < 100) {
      text.append("  ETA ").append(duration(progress.etaSeconds()));
    } else if (withBar && percent > 0 && percent < 100) {
      text.append("  ETA ").append(duration(ownEstimate(percent)));
    }
    return text.toString();
  }

  /**
   * Without the server's ETA (no earlier run of the steps): the time left if the rest goes as
   * fast as what is done, elapsed * (100 - p) / p.
   */
  private long ownEstimate(int percent) {
    long elapsed = Duration.between(start, clock.instant()).toSeconds();
    return elapsed * (100 - percent) / percent;
  }

  private static String duration(long seconds) {
    return seconds >= 60 ? (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s"
        : seconds + "s";
  }

  /** The last progress reported, or null before the first. */
  Progress last() {
    return last;
  }
}
