package io.qingstor.installer.core.reliability;

import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.PlatformRecord;
import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.state.UserRecord;
import io.qingstor.installer.core.store.LogEntry;
import io.qingstor.installer.core.store.LogPage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store that passes every call to another; tests override the calls they watch. */
class ForwardingStore implements StateStore {
  private final StateStore delegate;

  ForwardingStore(StateStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<PlatformRecord> loadPlatform() {
    return delegate.loadPlatform();
  }

  @Override
  public void savePlatform(PlatformRecord platform) {
    delegate.savePlatform(platform);
  }

  @Override
  public void saveConfig(int version, PlatformConfig config) {
    delegate.saveConfig(version, config);
  }

  @Override
  public Optional<PlatformConfig> loadConfig(int version) {
    return delegate.loadConfig(version);
  }

  @Override
  public List<NodeRecord> loadNodes() {
    return delegate.loadNodes();
  }

  @Override
  public void saveNodes(List<NodeRecord> nodes) {
    delegate.saveNodes(nodes);
  }

  @Override
  public List<UserRecord> loadUsers() {
    return delegate.loadUsers();
  }

  @Override
  public void saveUsers(List<UserRecord> users) {
    delegate.saveUsers(users);
  }

  @Override
  public List<JobRecord> loadJobs() {
    return delegate.loadJobs();
  }

  @Override
  public void saveJob(JobRecord job) {
    delegate.saveJob(job);
  }

  @Override
  public void appendLog(String jobId, int step, LogEntry entry) {
    delegate.appendLog(jobId, step, entry);
  }

  @Override
  public void syncStepLog(String jobId, int step) {
    delegate.syncStepLog(jobId, step);
  }

  @Override
  public LogPage readLog(String jobId, int step, long offset, int limit) {
    return delegate.readLog(jobId, step, offset, limit);
  }

  @Override
  public void saveArtifact(String name, String content) {
    delegate.saveArtifact(name, content);
  }

  @Override
  public Optional<String> loadArtifact(String name) {
    return delegate.loadArtifact(name);
  }

  @Override
  public void saveArtifact(String name, byte[] content) {
    delegate.saveArtifact(name, content);
  }

  @Override
  public void deleteArtifacts() {
    delegate.deleteArtifacts();
  }

  @Override
  public Path artifactsDirectory() {
    return delegate.artifactsDirectory();
  }

  @Override
  public Path workDirectory(String jobId) {
    return delegate.workDirectory(jobId);
  }

  @Override
  public Map<String, String> loadSecrets() {
    return delegate.loadSecrets();
  }

  @Override
  public void saveSecrets(Map<String, String> secrets) {
    delegate.saveSecrets(secrets);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
