package io.qingstor.installer.server.metrics;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.LazyNodeExecutor;
import io.qingstor.installer.core.exec.LocalExecutor;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.SshExecutor;
import io.qingstor.installer.core.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Hands qs-core metered parts instead of its defaults: the state store and the two executors
 * (the SSH one still made on the first remote command, as the core does), and registers the SSH
 * session gauge. Owns the executors: close it after the core.
 */
public final class CoreInstrumentation implements AutoCloseable {
  private final NodeExecutor remote;
  private final NodeExecutor local;
  private final StateStore store;
  private volatile SshExecutor ssh;

  /**
   * Instruments {@code store} and executors recording SSH host keys in {@code knownHosts}.
   */
  public CoreInstrumentation(ServerMetrics metrics, StateStore store, Path knownHosts,
      Clock clock) {
    requireNonNull(knownHosts, "knownHosts");
    this.store = MeteredStateStore.wrap(store, metrics, clock);
    this.remote = new MeteredExecutor(new LazyNodeExecutor(() -> {
      ssh = SshExecutor.builder().knownHostsFile(knownHosts).build();
      return ssh;
    }), "ssh", metrics);
    this.local = new MeteredExecutor(new LocalExecutor(), "local", metrics);
    metrics.gauge("qs.ssh.sessions.open", "SSH sessions held open for reuse",
        () -> ssh == null ? 0 : ssh.openSessions());
  }

  /** {@code builder} with the metered store and executors. */
  public QingStorCore.Builder apply(QingStorCore.Builder builder) {
    return builder.store(store).remoteExecutor(remote).localExecutor(local);
  }

  @Override
  public void close() {
    try {
      remote.close();
    } finally {
      local.close();
    }
  }
}
