package io.qingstor.installer.api.model;

import java.util.Map;

/**
 * A node to register: its address and SSH credentials (a password or a private key in PEM),
 * and free-form string {@code vars} that reach its deploy steps (e.g. {@code qs_root}).
 * The credentials are stored but never returned.
 */
public record NodeSpec(
    String nodeId,
    String ip,
    Integer sshPort,
    String sshUser,
    String sshPassword,
    String sshKey,
    Map<String, String> vars) {
  public NodeSpec {
    vars = vars == null ? null : Map.copyOf(vars);
  }

  @Override
  public String toString() {
    return "NodeSpec[nodeId=" + nodeId + ", ip=" + ip + ", sshPort=" + sshPort + ", sshUser="
        + sshUser + ", credentials=***, vars=" + vars + "]";
  }
}
