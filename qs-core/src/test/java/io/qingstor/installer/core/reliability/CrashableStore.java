package io.qingstor.installer.core.reliability;

import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.PlatformRecord;
import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.state.UserRecord;
import io.qingstor.installer.core.store.LogEntry;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A store that can "die": after {@link #crash()} nothing more reaches the data directory, as if
 * the process had been killed between two writes, while a new core opens the same directory.
 * {@code crash} waits for writes in flight, so none lands after it. Closing it closes the open
 * step logs, whose bytes are all on disk already.
 */
final class CrashableStore extends ForwardingStore {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean crashed;

  CrashableStore(StateStore delegate) {
    super(delegate);
  }

  /** From now on every write fails and reaches nothing. */
  void crash() {
    lock.writeLock().lock();
    try {
      crashed = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void write(Runnable write) {
    lock.readLock().lock();
    try {
      if (crashed) {
        throw new IllegalStateException("the process is dead (simulated crash)");
      }
      write.run();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void savePlatform(PlatformRecord platform) {
    write(() -> super.savePlatform(platform));
  }

  @Override
  public void saveConfig(int version, PlatformConfig config) {
    write(() -> super.saveConfig(version, config));
  }

  @Override
  public void saveNodes(List<NodeRecord> nodes) {
    write(() -> super.saveNodes(nodes));
  }

  @Override
  public void saveUsers(List<UserRecord> users) {
    write(() -> super.saveUsers(users));
  }

  @Override
  public void saveJob(JobRecord job) {
    write(() -> super.saveJob(job));
  }

  @Override
  public void appendLog(String jobId, int step, LogEntry entry) {
    write(() -> super.appendLog(jobId, step, entry));
  }

  @Override
  public void syncStepLog(String jobId, int step) {
    write(() -> super.syncStepLog(jobId, step));
  }

  @Override
  public void saveArtifact(String name, String content) {
    write(() -> super.saveArtifact(name, content));
  }
}
