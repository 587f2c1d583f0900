package io.qingstor.installer.testing.sandbox;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configures and starts a {@link SandboxNode}; each setter validates its argument at once. */
public final class SandboxNodeBuilder {

  private final String nodeId;
  private String host = "127.0.0.1";
  private int port;
  private String user = System.getProperty("user.name", "root");
  private String password;
  private final List<PublicKey> authorizedKeys = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private KeyPair hostKey;
  private Path root;

  SandboxNodeBuilder(String nodeId) {
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
  public SandboxNodeBuilder host(String address) {
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
  public SandboxNodeBuilder port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, was " + port);
    }
    this.port = port;
    return this;
  }

  /** Sets the SSH user name accepted (default: the current OS user's name). */
  public SandboxNodeBuilder user(String user) {
    this.user = requireNonNull(user, "user");
    return this;
  }

  /** Sets the password accepted for the user. */
  public SandboxNodeBuilder password(String password) {
    this.password = requireNonNull(password, "password");
    return this;
  }

  /** Adds a public key accepted for the user. */
  public SandboxNodeBuilder authorizedKey(PublicKey key) {
    authorizedKeys.add(requireNonNull(key, "key"));
    return this;
  }

  /** Sets the host key (default: a fresh one), e.g. to restart a node with the same identity. */
  public SandboxNodeBuilder hostKey(KeyPair key) {
    this.hostKey = requireNonNull(key, "hostKey");
    return this;
  }

  /**
   * Adds a variable to the environment of the node's commands, e.g. a {@code PATH} that puts a
   * test's own tools first; the node's root variables cannot be replaced.
   */
  public SandboxNodeBuilder environment(String name, String value) {
    environment.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
    return this;
  }

  /** Sets the root directory, which the node then leaves in place when closed (default: a temp dir). */
  public SandboxNodeBuilder root(Path directory) {
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

  String nodeId() {
    return nodeId;
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  Map<String, String> environment() {
    return environment;
  }

  List<PublicKey> authorizedKeys() {
    return authorizedKeys;
  }

  KeyPair hostKey() {
    return hostKey;
  }

  Path root() {
    return root;
  }
}
