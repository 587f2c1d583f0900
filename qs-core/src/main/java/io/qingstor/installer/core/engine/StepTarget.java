package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeTarget;
import java.util.Map;

/** One node a step runs on: where, with which executor, and the script's variables. */
record StepTarget(String nodeId, NodeTarget target, NodeExecutor executor, Map<String, String> vars) {}
