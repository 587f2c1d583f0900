package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobNodeStatus;
import io.qingstor.installer.core.job.NodeState;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of one step as a status shows them: at most {@link JobInfo#MAX_NODES}, the ones an
 * operator acts on first (failed, then running, pending, succeeded, skipped; each group in
 * target order), with every node counted by status. One pass over the step's ledger.
 *
 * @param nodes the nodes shown
 * @param counts every node of the step by status, in the order above; statuses without a node
 *     are left out
 */
record StepNodes(List<JobNodeStatus> nodes, Map<String, Integer> counts) {
  /** The order in which statuses are shown: what needs attention first. */
  private static final List<NodeState> SHOWN_FIRST = List.of(NodeState.FAILED,
      NodeState.RUNNING, NodeState.PENDING, NodeState.SUCCEEDED, NodeState.SKIPPED);

  StepNodes {
    nodes = List.copyOf(nodes);
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** Step {@code index}'s nodes, bounded to {@code limit} entries. */
  static StepNodes of(StepRecord step, int index, int limit) {
    Map<NodeState, List<NodeStep>> kept = new EnumMap<>(NodeState.class);
    Map<NodeState, Integer> counted = new EnumMap<>(NodeState.class);
    for (NodeStep node : step.nodes()) {
      counted.merge(node.state(), 1, Integer::sum);
      List<NodeStep> group = kept.computeIfAbsent(node.state(), s -> new ArrayList<>());
      if (group.size() < limit) {
        group.add(node);
      }
    }
    String stepName = JobStatuses.step(index);
    List<JobNodeStatus> shown = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (NodeState state : SHOWN_FIRST) {
      if (counted.containsKey(state)) {
        counts.put(state.wireName(), counted.get(state));
      }
      for (NodeStep node : kept.getOrDefault(state, List.of())) {
        if (shown.size() < limit) {
          shown.add(status(node, stepName));
        }
      }
    }
    return new StepNodes(shown, counts);
  }

  private static JobNodeStatus status(NodeStep node, String step) {
    return new JobNodeStatus(node.nodeId(), node.state().wireName(), step, node.error(),
        node.diagnosis() == null ? null : node.diagnosis().reason().wireName(),
        node.diagnosis() == null ? null : node.diagnosis().hint());
  }
}
