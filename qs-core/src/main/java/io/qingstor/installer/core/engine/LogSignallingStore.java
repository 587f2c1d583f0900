package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.PlatformRecord;
import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.state.UserRecord;
import io.qingstor.installer.core.store.LogEntry;
import io.qingstor.installer.core.store.LogPage;
import java.util.List;
import java.util.Optional;

/**
 * The engine's view of the store: every call goes to the store as it is, and each log line
 * appended also signals the job's held log requests ({@link LogWaits}). Every writer of a step
 * log (steps, builtins, the engine) goes through here, so none can forget to.
 */
final class LogSignallingStore implements StateStore {
  private final StateStore store;
  private final LogWaits waits;

  LogSignallingStore(StateStore store, LogWaits waits) {
    this.store = store;
    this.waits = waits;
  }

  @Override
  public void appendLog(String jobId, int step, LogEntry entry) {
    store.appendLog(jobId, step, entry);
    waits.signal(jobId);
  }

  @Override
  public Optional<PlatformRecord> loadPlatform() {
    return store.loadPlatform();
  }

  @Override
  public void savePlatform(PlatformRecord platform) {
    store.savePlatform(platform);
  }

  @Override
  public void saveConfig(int version, PlatformConfig config) {
    store.saveConfig(version, config);
  }

  @Override
  public Optional<PlatformConfig> loadConfig(int version) {
    return store.loadConfig(version);
  }

  @Override
  public List<NodeRecord> loadNodes() {
    return store.loadNodes();
  }

  @Override
  public void saveNodes(List<NodeRecord> nodes) {
    store.saveNodes(nodes);
  }

  @Override
  public List<UserRecord> loadUsers() {
    return store.loadUsers();
  }

  @Override
  public void saveUsers(List<UserRecord> users) {
    store.saveUsers(users);
  }

  @Override
  public List<JobRecord> loadJobs() {
    return store.loadJobs();
  }

  @Override
  public void saveJob(JobRecord job) {
    store.saveJob(job);
  }

  @Override
  public void syncStepLog(String jobId, int step) {
    store.syncStepLog(jobId, step);
  }

  @Override
  public LogPage readLog(String jobId, int step, long offset, int limit) {
    return store.readLog(jobId, step, offset, limit);
  }

  @Override
  public void saveArtifact(String name, String content) {
    store.saveArtifact(name, content);
  }

  @Override
  public Optional<String> loadArtifact(String name) {
    return store.loadArtifact(name);
  }

  /** The engine does not own the store: closing is its owner's business. */
  @Override
  public void close() {
    // nothing: QingStorCore closes the store it opened
  }
}
