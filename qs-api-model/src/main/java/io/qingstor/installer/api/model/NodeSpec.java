package io.qingstor.installer.api.model;

import java.util.Map;

/**
 * A node to register: its address and SSH credentials (a password or a private key in PEM),
 * free-form string {@code vars} that reach its deploy steps (e.g. {@code qs_root}), and the
 * password sudo asks for when a step runs as root ({@code become_password}, added). The
 * credentials are stored but never returned.
 */
public record NodeSpec(
    String nodeId,
    String ip,
    Integer sshPort,
    String sshUser,
    String sshPassword,
    String sshKey,
    Map<String, String> vars,
    String becomePassword) {
  public NodeSpec {
    vars = vars == null ? null : Map.copyOf(vars);
  }

  /** A node without a become password. */
  public NodeSpec(String nodeId, String ip, Integer sshPort, String sshUser, String sshPassword,
      String sshKey, Map<String, String> vars) {
    this(nodeId, ip, sshPort, sshUser, sshPassword, sshKey, vars, null);
  }

  @Override
  public String toString() {
    return "NodeSpec[nodeId=" + nodeId + ", ip=" + ip + ", sshPort=" + sshPort + ", sshUser="
        + sshUser + ", credentials=***, vars=" + vars + "]";
  }
}
