package io.qingstor.installer.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The flags of every command that starts a job: whether and how to wait for it. */
final class WaitFlags {
  @Option(names = "--no-wait", description = "Print the job id and return at once.")
  boolean noWait;

  @Option(names = {"-F", "--follow"},
      description = "Stream the job's log lines, each with its node name, while waiting.")
  boolean follow;

  @Option(names = "--timeout", defaultValue = "30m", converter = Durations.class,
      paramLabel = "DURATION",
      description = "Give up waiting after this long (the job goes on); default ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--poll-interval", defaultValue = "1s", converter = Durations.class,
      paramLabel = "DURATION", description = "Time between status polls; default ${DEFAULT-VALUE}.")
  Duration pollInterval;

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "STYLE",
      description = "auto (a bar on a terminal, else lines), bar, lines or none.")
  ProgressDisplay.Style progress;
}
