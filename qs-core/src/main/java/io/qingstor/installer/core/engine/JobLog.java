package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.store.LogEntry;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Writes job step logs: the one way a line reaches a step's log, so that every line is scrubbed
 * of the platform's secrets first and whoever follows the job hears of it ({@link LogWaits}).
 */
final class JobLog {
  private final StateStore store;
  private final Clock clock;
  private final PlatformSecrets secrets;
  private final Consumer<String> logged;

  JobLog(StateStore store, Clock clock, PlatformSecrets secrets, Consumer<String> logged) {
    this.store = store;
    this.clock = clock;
    this.secrets = secrets;
    this.logged = logged;
  }

  /** Appends one line; {@code node} is null for lines about the whole step. */
  void append(String jobId, int step, String node, String stream, String text) {
    store.appendLog(jobId, step, new LogEntry(clock.instant(), node, stream, secrets.scrub(text)));
    logged.accept(jobId);
  }

  /** Appends an {@code info} line about the whole step. */
  void info(String jobId, int step, String text) {
    append(jobId, step, null, "info", text);
  }

  /** {@code text} without the platform's secrets, for errors that leave the log (job errors). */
  String scrub(String text) {
    return secrets.scrub(text);
  }

  /** Forces a step's log to disk. */
  void sync(String jobId, int step) {
    store.syncStepLog(jobId, step);
  }
}
