package io.qingstor.installer.core.nodes;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.model.NodeSpec;

/** The values a node spec takes when the client leaves them out. */
public final class NodeDefaults {
  /** The SSH port when {@code ssh_port} is absent. */
  public static final int SSH_PORT = 22;

  /** The SSH user when {@code ssh_user} is absent. */
  public static final String SSH_USER = "root";

  private NodeDefaults() {}

  /** Returns {@code spec} with an absent {@code ssh_port} and {@code ssh_user} filled in. */
  public static NodeSpec apply(NodeSpec spec) {
    requireNonNull(spec, "spec");
    return new NodeSpec(spec.nodeId(), spec.ip(),
        spec.sshPort() == null ? SSH_PORT : spec.sshPort(),
        spec.sshUser() == null ? SSH_USER : spec.sshUser(),
        spec.sshPassword(), spec.sshKey(), spec.vars());
  }
}
