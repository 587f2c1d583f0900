package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;

/**
 * Keeps one authenticated session per (host, port, user, credentials) and hands it out for
 * commands, each of which opens its own channel on it.
 *
 * <p>A session found dead is replaced on the next acquire; a session unused for the idle
 * expiry is closed by a periodic sweep. Callers of one node wait for each other while that
 * node's session is being opened (bounded by the connect and auth timeouts).
 */
final class SessionPool implements AutoCloseable {

  /** Identifies a session: credentials enter only as a digest. */
  record Key(String host, int port, String user, String credentialDigest) {

    static Key of(NodeTarget node) {
      String secret = node.password() != null ? "p:" + node.password() : "k:" + node.privateKeyPem();
      return new Key(node.host(), node.port(), node.user(), sha256(secret));
    }

    @Override
    public String toString() {
      return user + "@" + host + ":" + port;
    }
  }

  /** A session handed out for one command; give it back with {@link #release(Lease)}. */
  record Lease(Slot slot, ClientSession session) { }

  /** The pooled session of one key; guarded by its own monitor. */
  static final class Slot {
    private ClientSession session;
    private int inUse;
    private long lastUsedNanos = System.nanoTime();
  }

  private final SshConnector connector;
  private final long idleExpiryNanos;
  private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
  private final ScheduledFuture<?> sweeper;
  private volatile boolean closed;

  SessionPool(SshConnector connector, Duration idleExpiry, ScheduledExecutorService scheduler) {
    this.connector = requireNonNull(connector, "connector");
    this.idleExpiryNanos = idleExpiry.toNanos();
    long period = Math.max(50, Math.min(idleExpiry.toMillis() / 2, 30_000));
    this.sweeper = scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  /** Returns an open session for {@code node}, reusing the pooled one when it is alive. */
  Lease acquire(NodeTarget node, Cancellation cancellation) throws NodeFailure {
    Slot slot = slots.computeIfAbsent(Key.of(node), k -> new Slot());
    synchronized (slot) {
      if (closed) {
        throw new IllegalStateException("SshExecutor is closed");
      }
      if (slot.session == null || !slot.session.isOpen()) {
        closeQuietly(slot.session);
        slot.session = null;
        slot.session = connector.open(node, cancellation);
      }
      slot.inUse++;
      return new Lease(slot, slot.session);
    }
  }

  /** Drops the lease's session from the pool because it turned out to be dead. */
  void discard(Lease lease) {
    synchronized (lease.slot()) {
      if (lease.slot().session == lease.session()) {
        lease.slot().session = null;
      }
    }
    closeQuietly(lease.session());
  }

  /** Returns a lease; its session stays pooled until it idles out. */
  void release(Lease lease) {
    synchronized (lease.slot()) {
      lease.slot().inUse--;
      lease.slot().lastUsedNanos = System.nanoTime();
    }
  }

  /** Closes idle and dead sessions. Runs periodically. */
  void sweep() {
    long now = System.nanoTime();
    for (Slot slot : slots.values()) {
      synchronized (slot) {
        boolean dead = slot.session != null && !slot.session.isOpen();
        boolean idle = slot.inUse == 0 && now - slot.lastUsedNanos > idleExpiryNanos;
        if (slot.session != null && (dead || idle)) {
          closeQuietly(slot.session);
          slot.session = null;
        }
      }
    }
  }

  /** Returns how many pooled sessions are open. */
  int openSessions() {
    int count = 0;
    for (Slot slot : slots.values()) {
      synchronized (slot) {
        count += slot.session != null && slot.session.isOpen() ? 1 : 0;
      }
    }
    return count;
  }

  @Override
  public void close() {
    closed = true;
    sweeper.cancel(false);
    for (Slot slot : slots.values()) {
      synchronized (slot) {
        closeQuietly(slot.session);
        slot.session = null;
      }
    }
  }

  private static void closeQuietly(ClientSession session) {
    if (session != null) {
      session.close(true);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
