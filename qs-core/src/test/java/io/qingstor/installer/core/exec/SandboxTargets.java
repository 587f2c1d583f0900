package io.qingstor.installer.core.exec;

import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.util.List;

/** The executor's targets for in-process SSH nodes (qs-testing knows nothing of the core). */
public final class SandboxTargets {
  private SandboxTargets() {}

  /** A password target for {@code node}. */
  public static NodeTarget of(SandboxNode node) {
    if (node.password() == null) {
      throw new IllegalStateException("sandbox node " + node.nodeId() + " accepts keys only");
    }
    return NodeTarget.withPassword(node.nodeId(), node.host(), node.port(), node.user(),
        node.password());
  }

  /** A key target for {@code node}, logging in with {@code privateKeyPem}. */
  public static NodeTarget withKey(SandboxNode node, String privateKeyPem) {
    return NodeTarget.withPrivateKey(node.nodeId(), node.host(), node.port(), node.user(),
        privateKeyPem);
  }

  /** A password target for every node of {@code fleet}, in node order. */
  public static List<NodeTarget> of(SandboxFleet fleet) {
    return fleet.nodes().stream().map(SandboxTargets::of).toList();
  }
}
