package io.qingstor.installer.core.state;

import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.store.LogEntry;
import io.qingstor.installer.core.store.LogPage;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the core keeps its state. Every save is durable when it returns (a transition is on disk
 * before it is acknowledged) and atomic (a crash leaves the old or the new version). The embedded
 * default is {@link FileStateStore}; an embedding installer may supply its own.
 */
public interface StateStore extends Closeable {
  /** The platform record, empty on a fresh store. */
  Optional<PlatformRecord> loadPlatform();

  void savePlatform(PlatformRecord platform);

  /** Stores a config under its version (1, 2, ...); a version no job acknowledged may be rewritten. */
  void saveConfig(int version, PlatformConfig config);

  Optional<PlatformConfig> loadConfig(int version);

  List<NodeRecord> loadNodes();

  void saveNodes(List<NodeRecord> nodes);

  List<UserRecord> loadUsers();

  void saveUsers(List<UserRecord> users);

  /** Every job, in no particular order. */
  List<JobRecord> loadJobs();

  void saveJob(JobRecord job);

  /** Appends one line to a step's log; visible to readers at once, durable at {@link #syncStepLog}. */
  void appendLog(String jobId, int step, LogEntry entry);

  /** Forces a step's log to disk (at the end of the step). */
  void syncStepLog(String jobId, int step);

  /** A page of a step's log by line offset; bounded memory whatever the log size. */
  LogPage readLog(String jobId, int step, long offset, int limit);

  /**
   * Writes a rendered text artifact (env file, inventory); mode 0600. The value of each top-level
   * secret entry ({@code ansible_ssh_pass: ...}) is kept sealed, the rest as given.
   */
  void saveArtifact(String name, String content);

  /** Reads a rendered text artifact as it was saved, its secret entries opened. */
  Optional<String> loadArtifact(String name);

  /** Writes an artifact file (a fetched file, say) atomically; mode 0600. */
  void saveArtifact(String name, byte[] content);

  /** Removes every artifact (a reset); the directory stays. */
  void deleteArtifacts();

  /** The directory holding the artifacts (created 0700), for steps that read whole trees. */
  Path artifactsDirectory();

  /** The work directory of a job's firstbox steps, {@code jobs/<job_id>/work} (created 0700). */
  Path workDirectory(String jobId);

  /**
   * The platform's generated plan secrets by name; empty when none were generated. They live
   * beside the node credentials, with the same protection.
   */
  Map<String, String> loadSecrets();

  /** Replaces the platform's generated plan secrets, durably. */
  void saveSecrets(Map<String, String> secrets);

  @Override
  void close();
}
