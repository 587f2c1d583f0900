package io.qingstor.installer.api.model;

import java.util.Map;

/**
 * What {@code ModifyNodes} changes on one registered node: every field but {@code node_id} is
 * optional and an absent one keeps its value. A new {@code ssh_password} replaces a key and a new
 * {@code ssh_key} replaces a password; {@code vars}, when given, replaces the whole map. A changed
 * {@code ip} or {@code ssh_port}, or {@code reset_host_key: true}, forgets the node's pinned host
 * key, so the next connection records the key it finds. The credentials are never returned.
 */
public record NodeModification(
    String nodeId,
    String ip,
    Integer sshPort,
    String sshUser,
    String sshPassword,
    String sshKey,
    Map<String, String> vars,
    Boolean resetHostKey) {
  public NodeModification {
    vars = vars == null ? null : Map.copyOf(vars);
  }

  /** True when {@code reset_host_key} is set to true. */
  public boolean resetsHostKey() {
    return Boolean.TRUE.equals(resetHostKey);
  }

  @Override
  public String toString() {
    return "NodeModification[nodeId=" + nodeId + ", ip=" + ip + ", sshPort=" + sshPort
        + ", sshUser=" + sshUser + ", credentials=" + (sshPassword != null || sshKey != null
            ? "***" : "unchanged") + ", vars=" + vars + ", resetHostKey=" + resetHostKey + "]";
  }
}
