package io.qingstor.installer.api.model;

import java.util.Map;

/**
 * A node to register: its address and SSH credentials (a password or a private key in PEM),
 * free-form string {@code vars} that reach its deploy steps (e.g. {@code qs_root}), and the
 * password sudo asks for when a step runs as root ({@code become_password}, added), and the
 * node's SSH host key to pin before the first connection ({@code host_key}, optional: an OpenSSH
 * public key line or a {@code SHA256:} fingerprint). The credentials are stored but never
 * returned.
 */
public record NodeSpec(
    String nodeId,
    String ip,
    Integer sshPort,
    String sshUser,
    String sshPassword,
    String sshKey,
    Map<String, String> vars,
    String becomePassword,
    String hostKey) {
  public NodeSpec {
    vars = vars == null ? null : Map.copyOf(vars);
  }

  /** A node whose host key is not pinned on registration. */
  public NodeSpec(String nodeId, String ip, Integer sshPort, String sshUser, String sshPassword,
      String sshKey, Map<String, String> vars, String becomePassword) {
    this(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, becomePassword, null);
  }

  /** A node without a become password. */
  public NodeSpec(String nodeId, String ip, Integer sshPort, String sshUser, String sshPassword,
      String sshKey, Map<String, String> vars) {
    this(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, null, null);
  }

  @Override
  public String toString() {
    return "NodeSpec[nodeId=" + nodeId + ", ip=" + ip + ", sshPort=" + sshPort + ", sshUser="
        + sshUser + ", credentials=***, vars=" + vars + ", hostKey=" + hostKey + "]";
  }
}
