package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.state.NodeRecord;
import java.util.Map;

/**
 * One node a step runs on: where, with which executor, the script's exported variables and the
 * plan secrets it sees (as unexported shell variables).
 *
 * @param node the node's record, or null on the firstbox
 */
record StepTarget(String nodeId, NodeTarget target, NodeExecutor executor, Map<String, String> vars,
    Map<String, String> secrets, NodeRecord node) {
  StepTarget {
    vars = Map.copyOf(vars);
    secrets = Map.copyOf(secrets);
  }

  /** True for the installer's own machine. */
  boolean firstbox() {
    return node == null;
  }
}
