package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

/**
 * Where and as whom a command runs.
 *
 * <p>For SSH exactly one of {@code password} and {@code privateKeyPem} is non-null; for the
 * local executor both are null. {@link #toString()} never shows either secret.
 *
 * @param nodeId the node's id, used in logs and results
 * @param host the host name or IP address to connect to
 * @param port the SSH port (1-65535), or 0 for a local target
 * @param user the remote user
 * @param password the SSH password, or null
 * @param privateKeyPem the SSH private key (OpenSSH or PEM format, unencrypted), or null
 */
public record NodeTarget(String nodeId, String host, int port, String user, String password, String privateKeyPem) {

  /** Validates the fields; throws {@link IllegalArgumentException} naming the bad one. */
  public NodeTarget {
    requireNonNull(nodeId, "nodeId");
    requireNonNull(host, "host");
    requireNonNull(user, "user");
    if (nodeId.isBlank()) {
      throw new IllegalArgumentException("nodeId must not be blank");
    }
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank for node " + nodeId);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535 for node " + nodeId + ", was " + port);
    }
    if (password != null && privateKeyPem != null) {
      throw new IllegalArgumentException("node " + nodeId + " has both a password and a private key; give one");
    }
  }

  /** Returns an SSH target that authenticates with a password. */
  public static NodeTarget withPassword(String nodeId, String host, int port, String user, String password) {
    return new NodeTarget(nodeId, host, port, user, requireNonNull(password, "password"), null);
  }

  /** Returns an SSH target that authenticates with a private key. */
  public static NodeTarget withPrivateKey(String nodeId, String host, int port, String user, String privateKeyPem) {
    return new NodeTarget(nodeId, host, port, user, null, requireNonNull(privateKeyPem, "privateKeyPem"));
  }

  /** Returns a target for the local machine, run as the current OS user. */
  public static NodeTarget local(String nodeId) {
    return new NodeTarget(nodeId, "localhost", 0, System.getProperty("user.name", "local"), null, null);
  }

  /** Returns {@code host:port}, the address shown in messages. */
  public String address() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  /** Returns whether this target carries SSH credentials. */
  public boolean hasCredentials() {
    return password != null || privateKeyPem != null;
  }

  /**
   * Returns {@code text} with every occurrence of this target's secrets replaced by
   * {@code ***}, so that a message built from foreign exceptions can never leak them.
   */
  String redact(String text) {
    String result = text;
    for (String secret : new String[] {password, privateKeyPem}) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, "***");
      }
    }
    return result;
  }

  @Override
  public String toString() {
    String auth = password != null ? "password" : privateKeyPem != null ? "private-key" : "none";
    return "NodeTarget[nodeId=" + nodeId + ", host=" + host + ", port=" + port + ", user=" + user
        + ", auth=" + auth + "]";
  }
}
