package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.state.NodeRecord;
import java.util.Map;

/**
 * One node a step runs on: where, with which executor, the script's exported variables, the
 * plan secrets it sees (as unexported shell variables), and whether it runs as root.
 *
 * @param node the node's record, or null on the firstbox
 * @param become how to become root, or null to run as the SSH user
 */
record StepTarget(String nodeId, NodeTarget target, NodeExecutor executor, Map<String, String> vars,
    Map<String, String> secrets, NodeRecord node, Become become) {
  StepTarget {
    vars = Map.copyOf(vars);
    secrets = Map.copyOf(secrets);
  }

  /** True for the installer's own machine. */
  boolean firstbox() {
    return node == null;
  }
}
