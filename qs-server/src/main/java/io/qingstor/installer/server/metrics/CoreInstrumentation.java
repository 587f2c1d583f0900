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
  private final Path knownHosts;
  private volatile SshExecutor ssh;

  /**
   * Instruments {@code store} and executors recording SSH host keys in {@code knownHosts},
   * refusing hosts not in it when {@code strictHostKeys}.
   */
  public CoreInstrumentation(ServerMetrics metrics, StateStore store, Path knownHosts,
      boolean strictHostKeys, Clock clock) {
    this.knownHosts = requireNonNull(knownHosts, "knownHosts");
    this.store = MeteredStateStore.wrap(store, metrics, clock);
    this.remote = new MeteredExecutor(new LazyNodeExecutor(() -> {
      ssh = SshExecutor.builder().knownHostsFile(knownHosts).strictHostKeys(strictHostKeys)
          .build();
      return ssh;
    }), "ssh", metrics);
    this.local = new MeteredExecutor(new LocalExecutor(), "local", metrics);
    metrics.gauge("qs.ssh.sessions.open", "SSH sessions held open for reuse",
        () -> ssh == null ? 0 : ssh.openSessions());
  }

  /**
   * {@code builder} with the metered store and executors, and the executor's known_hosts file,
   * where AddNodes pins and ModifyNodes forgets host keys.
   */
  public QingStorCore.Builder apply(QingStorCore.Builder builder) {
    return builder.store(store).remoteExecutor(remote).localExecutor(local).knownHosts(knownHosts);
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
