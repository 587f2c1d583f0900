package io.qingstor.installer.server.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobPhase;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.job.StepState;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.PlatformRecord;
import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.state.UserRecord;
import io.qingstor.installer.core.store.LogEntry;
import io.qingstor.installer.core.store.LogPage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link StateStore} that watches what the core persists, without changing it: the jobs by
 * type and phase (gauges), each step's duration from the save that started it to the one that
 * ended it, and the bytes of log lines written. Every call goes to the wrapped store first, so a
 * failed write is never counted.
 */
public final class MeteredStateStore implements StateStore {
  private final StateStore store;
  private final ServerMetrics metrics;
  private final Clock clock;
  private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();
  private final Map<String, Instant> stepStarts = new ConcurrentHashMap<>();

  /** Wraps {@code store}, registering the job gauges. */
  public MeteredStateStore(StateStore store, ServerMetrics metrics, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.metrics = requireNonNull(metrics, "metrics");
    this.clock = requireNonNull(clock, "clock");
    for (JobType type : JobType.values()) {
      for (JobPhase phase : JobPhase.values()) {
        metrics.gauge("qs.jobs", "jobs by type and phase", () -> count(type, phase),
            "type", type.wireName(), "status", phase.name().toLowerCase(Locale.ROOT));
      }
    }
  }

  private long count(JobType type, JobPhase phase) {
    return jobs.values().stream().filter(j -> j.type() == type && j.phase() == phase).count();
  }

  @Override
  public List<JobRecord> loadJobs() {
    List<JobRecord> loaded = store.loadJobs();
    loaded.forEach(job -> jobs.putIfAbsent(job.jobId(), job));
    return loaded;
  }

  @Override
  public void saveJob(JobRecord job) {
    store.saveJob(job);
    JobRecord before = jobs.put(job.jobId(), job);
    Instant now = clock.instant();
    for (int i = 0; i < job.steps().size(); i++) {
      StepState was = before == null || before.steps().size() <= i
          ? StepState.PENDING : before.steps().get(i).state();
      StepRecord step = job.steps().get(i);
      String key = job.jobId() + "/" + i;
      if (step.state() == StepState.RUNNING && was != StepState.RUNNING) {
        stepStarts.put(key, now);
      } else if (step.state().done() && !was.done()) {
        Instant start = stepStarts.remove(key);
        if (start != null) {
          metrics.step(job.type().wireName(), step.name(), step.state().wireName(),
              Duration.between(start, now));
        }
      }
    }
  }

  @Override
  public void appendLog(String jobId, int step, LogEntry entry) {
    store.appendLog(jobId, step, entry);
    metrics.logBytes(entry.text() == null ? 0 : entry.text().getBytes(UTF_8).length);
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

  @Override
  public void saveArtifact(String name, byte[] content) {
    store.saveArtifact(name, content);
  }

  @Override
  public Path artifactsDirectory() {
    return store.artifactsDirectory();
  }

  @Override
  public Path workDirectory(String jobId) {
    return store.workDirectory(jobId);
  }

  @Override
  public Map<String, String> loadSecrets() {
    return store.loadSecrets();
  }

  @Override
  public void saveSecrets(Map<String, String> secrets) {
    store.saveSecrets(secrets);
  }

  @Override
  public void close() {
    store.close();
  }
}
