package io.qingstor.installer.testing.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An in-process SSH server standing in for a real node in tests and demos.
 *
 * <p>Binds a loopback address (127.0.0.x; port 0 picks a free port, read back with
 * {@link #port()}), has its own in-memory host key (ed25519 when available, else ECDSA),
 * accepts one user by password and optionally by public key, and runs exec requests for real
 * with {@code /bin/sh} as the current OS user, in the node's {@link #root()} directory, with
 * {@code HOME} and {@code QS_SANDBOX_ROOT} set to it. The installer's own contract is to pass
 * {@code qs_root} to its scripts; the variable only helps ad-hoc commands.
 */
public final class SandboxNode implements AutoCloseable {

  /** The environment variable holding the node's root directory. */
  public static final String ROOT_VARIABLE = "QS_SANDBOX_ROOT";

  private final String nodeId;
  private final String host;
  private final String user;
  private final String password;
  private final KeyPair hostKey;
  private final List<PublicKey> authorizedKeys;
  private final Map<String, String> extraEnvironment;
  private final Path root;
  private final boolean ownsRoot;
  private final SshServer server;
  private final ExecutorService pumps;
  private final Set<Process> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sessionsOpened = new AtomicInteger();
  private final AtomicInteger passwordAttempts = new AtomicInteger();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  SandboxNode(SandboxNodeBuilder builder) throws IOException {
    this.nodeId = builder.nodeId();
    this.host = builder.host();
    this.user = builder.user();
    this.password = builder.password();
    this.hostKey = builder.hostKey() != null ? builder.hostKey() : generateHostKey();
    this.authorizedKeys = List.copyOf(builder.authorizedKeys());
    this.extraEnvironment = Map.copyOf(builder.environment());
    this.ownsRoot = builder.root() == null;
    this.root = ownsRoot ? Files.createTempDirectory("qs-sandbox-" + nodeId + "-") : builder.root();
    Files.createDirectories(root);
    this.pumps = Executors.newCachedThreadPool(daemonThreads("qs-sandbox-" + nodeId + "-io-"));
    this.server = newServer(builder.port());
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      server.stop(true);
      pumps.shutdownNow();
      deleteRootIfOwned();
      throw e;
    }
  }

  /** Returns a builder for a node with id {@code nodeId} (a simple name, used in paths). */
  public static SandboxNodeBuilder builder(String nodeId) {
    return new SandboxNodeBuilder(nodeId);
  }

  /**
   * Starts a password-authenticated node on {@code host} with a free port and a temp root.
   *
   * @throws UncheckedIOException if the server cannot start
   */
  public static SandboxNode start(String nodeId, String host, String user, String password) {
    return builder(nodeId).host(host).user(user).password(password).start();
  }

  private SshServer newServer(int port) {
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost(host);
    sshd.setPort(port);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setPasswordAuthenticator((name, given, session) -> {
      passwordAttempts.incrementAndGet();
      return password != null && user.equals(name) && sameSecret(password, given);
    });
    sshd.setPublickeyAuthenticator((name, key, session) ->
        user.equals(name) && authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
    sshd.setKeyboardInteractiveAuthenticator(null);
    Map<String, String> environment = new HashMap<>(extraEnvironment);
    environment.putAll(Map.of(ROOT_VARIABLE, root.toString(), "HOME", root.toString(),
        "QS_SANDBOX_NODE_ID", nodeId));
    sshd.setCommandFactory((channel, command) -> new ProcessCommand(command, root, environment, pumps, live));
    // SFTP on the real file system, as the current OS user, like the exec requests.
    sshd.setFileSystemFactory(NativeFileSystemFactory.INSTANCE);
    sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    sshd.addSessionListener(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        sessionsOpened.incrementAndGet();
      }
    });
    return sshd;
  }

  /** Returns the node id. */
  public String nodeId() {
    return nodeId;
  }

  /** Returns the loopback address the node listens on. */
  public String host() {
    return host;
  }

  /** Returns the port the node listens on. */
  public int port() {
    return server.getPort();
  }

  /** Returns the user it accepts. */
  public String user() {
    return user;
  }

  /** Returns the password it accepts, or null if it accepts keys only. */
  public String password() {
    return password;
  }

  /** Returns the node's root directory, where its commands start. */
  public Path root() {
    return root;
  }

  /** Returns the node's public host key. */
  public PublicKey hostKey() {
    return hostKey.getPublic();
  }

  /** Returns the node's host key pair, to start a replacement node with the same identity. */
  public KeyPair hostKeyPair() {
    return hostKey;
  }

  /** Returns how many SSH sessions (connections) were opened to this node so far. */
  public int sessionsOpened() {
    return sessionsOpened.get();
  }

  /**
   * Returns how many password authentications clients attempted so far: zero proves that no
   * password reached this node.
   */
  public int passwordAttempts() {
    return passwordAttempts.get();
  }

  /** Returns the number of sessions open now. */
  public int activeSessions() {
    return stopped.get() ? 0 : server.getActiveSessions().size();
  }

  /** Returns whether the node is up (neither stopped nor closed). */
  public boolean isRunning() {
    return !stopped.get();
  }

  /** Closes every open session abruptly while the node keeps accepting new ones. */
  public void dropSessions() {
    server.getActiveSessions().forEach(session -> session.close(true));
  }

  /**
   * Kills the node: closes the server and all its sessions abruptly and kills every command
   * it runs, as if the machine died. The root directory stays. Idempotent.
   */
  public void stop() {
    if (stopped.compareAndSet(false, true)) {
      try {
        server.stop(true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stop sandbox node " + nodeId, e);
      } finally {
        live.forEach(ProcessCommand::killTree);
        pumps.shutdownNow();
      }
    }
  }

  /** Stops the node and deletes its root directory if the node created it. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        stop();
      } finally {
        deleteRootIfOwned();
      }
    }
  }

  private void deleteRootIfOwned() {
    if (ownsRoot) {
      TempTree.deleteQuietly(root);
    }
  }

  /** Daemon threads, so a node never keeps a test JVM alive, named after the node. */
  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static KeyPair generateHostKey() {
    try {
      return SecurityUtils.isEDDSACurveSupported()
          ? KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256)
          : KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a sandbox host key", e);
    }
  }

  private static boolean sameSecret(String expected, String given) {
    return given != null && MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "SandboxNode[" + nodeId + " " + user + "@" + host + ":" + port() + ", root=" + root + "]";
  }
}
