package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scripts on nodes over SSH (Apache MINA SSHD), password or key authenticated.
 *
 * <p>One {@link SshClient} serves all calls; one authenticated session per (host, port, user,
 * credentials) is kept and reused, each command opening its own exec channel; idle sessions
 * expire. Host keys are checked against a known_hosts file with accept-new semantics: unknown
 * hosts are recorded, changed keys are refused (UNREACHABLE). The script goes to
 * {@code sh -s} on the channel's stdin, never on a command line. On timeout or cancellation
 * the script's remote process group is killed through a second channel of the same session.
 * A session carries at most as many concurrent commands as the server allows channels
 * (OpenSSH: MaxSessions, 10 by default).
 */
public final class SshExecutor implements NodeExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(SshExecutor.class);

  private final Path knownHostsFile;
  private final boolean strictHostKeys;
  private final Duration connectTimeout;
  private final Duration authTimeout;
  private final Duration idleSessionExpiry;
  private final Duration killGrace;
  private final Duration heartbeatInterval;
  private final long maxOutputBytes;
  private final SshClient client;
  private final SessionPool pool;
  private final CommandSupervisor supervisor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SshExecutor(Builder builder) {
    this.knownHostsFile = builder.knownHostsFile;
    this.strictHostKeys = builder.strictHostKeys;
    this.connectTimeout = builder.connectTimeout;
    this.authTimeout = builder.authTimeout;
    this.idleSessionExpiry = builder.idleSessionExpiry;
    this.killGrace = builder.killGrace;
    this.heartbeatInterval = builder.heartbeatInterval;
    this.maxOutputBytes = builder.maxOutputBytes;
    this.client = newClient();
    this.pool = new SessionPool(new SshConnector(client, connectTimeout, authTimeout), idleSessionExpiry,
        client.getScheduledExecutorService());
    this.supervisor = new CommandSupervisor(killGrace);
  }

  /** Returns a builder; only the known_hosts file is required. */
  public static Builder builder() {
    return new Builder();
  }

  private SshClient newClient() {
    SshClient sshClient = SshClient.setUpDefaultClient();
    sshClient.setServerKeyVerifier(new KnownHosts(knownHostsFile, strictHostKeys));
    // Only the credentials of each target count: no ~/.ssh keys, no ~/.ssh/config.
    sshClient.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    sshClient.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    // The pool expires idle sessions itself; MINA's idle timeout would cut silent long commands.
    CoreModuleProperties.IDLE_TIMEOUT.set(sshClient, Duration.ZERO);
    CoreModuleProperties.AUTH_TIMEOUT.set(sshClient, authTimeout);
    if (!heartbeatInterval.isZero()) {
      // Keepalives that expect a reply: a node that stops answering loses its session.
      CoreModuleProperties.HEARTBEAT_INTERVAL.set(sshClient, heartbeatInterval);
      // The request OpenSSH's own client sends, which every OpenSSH server answers.
      CoreModuleProperties.HEARTBEAT_REQUEST.set(sshClient, "keepalive@openssh.com");
      CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(sshClient, 3);
    }
    sshClient.start();
    return sshClient;
  }

  @Override
  public CommandResult execute(NodeTarget node, String script, Duration timeout, OutputListener output,
      Cancellation cancellation) {
    long start = System.nanoTime();
    checkArguments(node, script, timeout, output, cancellation);
    CommandResult result;
    try {
      OutputCap cap = new OutputCap(new SafeListener(output, node.nodeId()), maxOutputBytes);
      result = run(node, script, timeout, cap, cancellation, start);
    } catch (NodeFailure failure) {
      result = CommandResult.of(failure.outcome(), Durations.since(start), failure.getMessage(),
          failure.reason());
    }
    // Messages of foreign exceptions end up in details: make sure no secret rides along.
    return new CommandResult(result.outcome(), result.exitCode(), result.elapsed(), node.redact(result.detail()),
        result.reason());
  }

  private CommandResult run(NodeTarget node, String script, Duration timeout, OutputCap listener,
      Cancellation cancellation, long start) throws NodeFailure {
    if (cancellation.isCancelled()) {
      throw NodeFailure.cancelled("cancelled before start: " + cancellation.reason());
    }
    Started started = start(node, script, listener, cancellation);
    try {
      return supervisor.supervise(started.command(), timeout, cancellation, start, node.address(),
          listener);
    } finally {
      pool.release(started.lease());
    }
  }

  /** A command started on a leased session. */
  private record Started(SessionPool.Lease lease, SshCommand command) { }

  /** Starts the command on the pooled session, replacing it once if it turns out dead. */
  private Started start(NodeTarget node, String script, OutputListener listener, Cancellation cancellation)
      throws NodeFailure {
    SessionPool.Lease lease = pool.acquire(node, cancellation);
    try {
      return new Started(lease, SshCommand.start(lease.session(), node.address(), script, listener, connectTimeout));
    } catch (IOException first) {
      boolean sessionDied = !lease.session().isOpen();
      giveBack(lease, sessionDied);
      if (!sessionDied) {
        throw cannotStart(node, first);
      }
      LOG.debug("session to {} was dead, reconnecting: {}", node.address(), first.toString());
    }
    SessionPool.Lease fresh = pool.acquire(node, cancellation);
    try {
      return new Started(fresh, SshCommand.start(fresh.session(), node.address(), script, listener, connectTimeout));
    } catch (IOException second) {
      giveBack(fresh, !fresh.session().isOpen());
      throw cannotStart(node, second);
    }
  }

  /**
   * Opens an SFTP channel on the node's pooled session (the session of its commands), replacing
   * the session once if it turns out dead. Closing the files gives the session back.
   */
  @Override
  public NodeFiles openFiles(NodeTarget node, Cancellation cancellation) throws IOException {
    checkArguments(node, "", Duration.ofSeconds(1), (stream, line) -> { }, cancellation);
    for (int attempt = 1; ; attempt++) {
      SessionPool.Lease lease;
      try {
        lease = pool.acquire(node, cancellation);
      } catch (NodeFailure failure) {
        throw new IOException(node.redact(failure.getMessage()));
      }
      try {
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(lease.session());
        return new SftpNodeFiles(sftp, () -> pool.release(lease));
      } catch (IOException e) {
        boolean dead = !lease.session().isOpen();
        giveBack(lease, dead);
        if (!dead || attempt == 2) {
          throw new IOException("cannot open SFTP on " + node.address() + ": "
              + node.redact(Waits.message(e)), e);
        }
      }
    }
  }

  private void giveBack(SessionPool.Lease lease, boolean dead) {
    if (dead) {
      pool.discard(lease);
    }
    pool.release(lease);
  }

  private static NodeFailure cannotStart(NodeTarget node, IOException error) {
    return NodeFailure.unreachable("cannot start the command on " + node.address() + ": " + Waits.message(error),
        FailureReason.CONNECTION_LOST);
  }

  private void checkArguments(NodeTarget node, String script, Duration timeout, OutputListener output,
      Cancellation cancellation) {
    requireNonNull(node, "node");
    requireNonNull(script, "script");
    requireNonNull(output, "output");
    requireNonNull(cancellation, "cancellation");
    Durations.requirePositive(timeout, "timeout");
    if (!node.hasCredentials() || node.port() == 0) {
      throw new IllegalArgumentException("node " + node.nodeId() + " needs an SSH port and a password or key");
    }
    if (closed.get()) {
      throw new IllegalStateException("SshExecutor is closed");
    }
  }

  /** Returns the known_hosts file. */
  public Path knownHostsFile() {
    return knownHostsFile;
  }

  /** Returns how long a TCP connect may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Returns how long the SSH handshake and authentication may take. */
  public Duration authTimeout() {
    return authTimeout;
  }

  /** Returns how long an unused session stays open. */
  public Duration idleSessionExpiry() {
    return idleSessionExpiry;
  }

  /** Returns the wait between TERM and KILL when stopping a command. */
  public Duration killGrace() {
    return killGrace;
  }

  /** Returns the keepalive interval, zero when disabled. */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** Returns how many pooled sessions are currently open. */
  public int openSessions() {
    return pool.openSessions();
  }

  /** Closes all sessions and stops the SSH client; running commands end UNREACHABLE. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      pool.close();
      client.stop();
    }
  }

  /** Builds an {@link SshExecutor}; each setter validates its argument at once. */
  public static final class Builder {
    private Path knownHostsFile;
    private boolean strictHostKeys;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration authTimeout = Duration.ofSeconds(15);
    private Duration idleSessionExpiry = Duration.ofMinutes(5);
    private Duration killGrace = Duration.ofSeconds(5);
    private Duration heartbeatInterval = Duration.ofSeconds(15);
    private long maxOutputBytes = OutputCap.DEFAULT_MAX_BYTES;

    private Builder() {
    }

    /**
     * Sets the most output one command may print on one node (default 64 MiB); past it the output
     * is cut with one marker line, the command is stopped and fails.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxOutputBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxOutputBytes must be positive, was " + bytes);
      }
      this.maxOutputBytes = bytes;
      return this;
    }

    /** Sets the known_hosts file (created with mode 0600 when the first host is recorded). */
    public Builder knownHostsFile(Path file) {
      this.knownHostsFile = requireNonNull(file, "knownHostsFile");
      return this;
    }

    /**
     * Refuses hosts whose key is not in the known_hosts file (default false: the first key a host
     * presents is recorded). Refused before authentication, so no credential reaches such a host.
     */
    public Builder strictHostKeys(boolean strict) {
      this.strictHostKeys = strict;
      return this;
    }

    /** Sets how long a TCP connect may take (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Durations.requirePositive(timeout, "connectTimeout");
      return this;
    }

    /** Sets how long the SSH handshake and authentication may take (default 15 s). */
    public Builder authTimeout(Duration timeout) {
      this.authTimeout = Durations.requirePositive(timeout, "authTimeout");
      return this;
    }

    /** Sets how long an unused session stays open (default 5 min). */
    public Builder idleSessionExpiry(Duration expiry) {
      this.idleSessionExpiry = Durations.requirePositive(expiry, "idleSessionExpiry");
      return this;
    }

    /** Sets the wait between TERM and KILL when stopping a command (default 5 s). */
    public Builder killGrace(Duration grace) {
      this.killGrace = Durations.requirePositive(grace, "killGrace");
      return this;
    }

    /**
     * Sets the keepalive interval (default 15 s); a session whose node misses three replies in a
     * row is dropped, and its running commands end UNREACHABLE. Zero disables keepalives.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder heartbeatInterval(Duration interval) {
      requireNonNull(interval, "heartbeatInterval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("heartbeatInterval must not be negative, was " + interval);
      }
      this.heartbeatInterval = interval;
      return this;
    }

    /**
     * Builds the executor and starts its SSH client.
     *
     * @throws IllegalStateException if no known_hosts file was set
     */
    public SshExecutor build() {
      if (knownHostsFile == null) {
        throw new IllegalStateException("knownHostsFile is required");
      }
      return new SshExecutor(this);
    }
  }
}
