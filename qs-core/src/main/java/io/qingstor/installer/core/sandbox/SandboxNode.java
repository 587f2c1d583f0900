package io.qingstor.installer.core.sandbox;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.exec.NodeTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.SshServer;

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
  private final Path root;
  private final boolean ownsRoot;
  private final SshServer server;
  private final ExecutorService pumps;
  private final Set<Process> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sessionsOpened = new AtomicInteger();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SandboxNode(Builder builder) throws IOException {
    this.nodeId = builder.nodeId;
    this.host = builder.host;
    this.user = builder.user;
    this.password = builder.password;
    this.hostKey = builder.hostKey != null ? builder.hostKey : generateHostKey();
    this.authorizedKeys = List.copyOf(builder.authorizedKeys);
    this.ownsRoot = builder.root == null;
    this.root = ownsRoot ? Files.createTempDirectory("qs-sandbox-" + nodeId + "-") : builder.root;
    Files.createDirectories(root);
    this.pumps = Executors.newCachedThreadPool(TempTree.daemonThreads("qs-sandbox-" + nodeId + "-io-"));
    this.server = newServer(builder.port);
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      pumps.shutdownNow();
      deleteRootIfOwned();
      throw e;
    }
  }

  /** Returns a builder for a node with id {@code nodeId} (a simple name, used in paths). */
  public static Builder builder(String nodeId) {
    return new Builder(nodeId);
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
    sshd.setPasswordAuthenticator((name, given, session) ->
        password != null && user.equals(name) && sameSecret(password, given));
    sshd.setPublickeyAuthenticator((name, key, session) ->
        user.equals(name) && authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
    sshd.setKeyboardInteractiveAuthenticator(null);
    Map<String, String> environment = Map.of(ROOT_VARIABLE, root.toString(), "HOME", root.toString(),
        "QS_SANDBOX_NODE_ID", nodeId);
    sshd.setCommandFactory((channel, command) -> new ProcessCommand(command, root, environment, pumps, live));
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

  /**
   * Returns a password target for this node.
   *
   * @throws IllegalStateException if the node has no password
   */
  public NodeTarget target() {
    if (password == null) {
      throw new IllegalStateException("sandbox node " + nodeId + " accepts keys only");
    }
    return NodeTarget.withPassword(nodeId, host, port(), user, password);
  }

  /** Returns a key target for this node using {@code privateKeyPem}. */
  public NodeTarget targetWithKey(String privateKeyPem) {
    return NodeTarget.withPrivateKey(nodeId, host, port(), user, privateKeyPem);
  }

  /** Returns how many SSH sessions (connections) were opened to this node so far. */
  public int sessionsOpened() {
    return sessionsOpened.get();
  }

  /** Returns how many SSH sessions are open now. */
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

  /** Configures a {@link SandboxNode}; each setter validates its argument at once. */
  public static final class Builder {
    private final String nodeId;
    private String host = "127.0.0.1";
    private int port;
    private String user = System.getProperty("user.name", "root");
    private String password;
    private final List<PublicKey> authorizedKeys = new ArrayList<>();
    private KeyPair hostKey;
    private Path root;

    private Builder(String nodeId) {
      requireNonNull(nodeId, "nodeId");
      if (!nodeId.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new IllegalArgumentException("nodeId must be a simple name, was '" + nodeId + "'");
      }
      this.nodeId = nodeId;
    }

    /**
     * Sets the loopback address to bind (default 127.0.0.1).
     *
     * @throws IllegalArgumentException if it is not a loopback address
     */
    public Builder host(String address) {
      requireNonNull(address, "host");
      try {
        if (!InetAddress.getByName(address).isLoopbackAddress()) {
          throw new IllegalArgumentException("sandbox nodes bind loopback addresses only, not " + address);
        }
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("unknown address " + address, e);
      }
      this.host = address;
      return this;
    }

    /** Sets the port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Sets the SSH user name accepted (default: the current OS user's name). */
    public Builder user(String user) {
      this.user = requireNonNull(user, "user");
      return this;
    }

    /** Sets the password accepted for the user. */
    public Builder password(String password) {
      this.password = requireNonNull(password, "password");
      return this;
    }

    /** Adds a public key accepted for the user. */
    public Builder authorizedKey(PublicKey key) {
      authorizedKeys.add(requireNonNull(key, "key"));
      return this;
    }

    /** Sets the host key (default: a fresh one), e.g. to restart a node with the same identity. */
    public Builder hostKey(KeyPair key) {
      this.hostKey = requireNonNull(key, "hostKey");
      return this;
    }

    /** Sets the root directory, which the node then leaves in place when closed (default: a temp dir). */
    public Builder root(Path directory) {
      this.root = requireNonNull(directory, "root");
      return this;
    }

    /**
     * Starts the node.
     *
     * @throws IllegalStateException if neither a password nor a key was given
     * @throws UncheckedIOException if the server cannot bind or the root cannot be created
     */
    public SandboxNode start() {
      if (password == null && authorizedKeys.isEmpty()) {
        throw new IllegalStateException("sandbox node " + nodeId + " needs a password or an authorized key");
      }
      try {
        return new SandboxNode(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start sandbox node " + nodeId + " on " + host + ":" + port, e);
      }
    }
  }
}
