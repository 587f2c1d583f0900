package io.qingstor.installer.core.job;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step of a job as persisted: the plan step's name and title, its state, and its ledger:
 * where each target node stands.
 *
 * @param nodes the step's target nodes in target order (empty before the step starts)
 * @param tasks the step's own count of work done, for steps that know it (a playbook's tasks);
 *     null otherwise
 */
public record StepRecord(String name, String title, StepState state, List<NodeStep> nodes,
    TaskCount tasks) {
  public StepRecord {
    requireNonNull(name, "name");
    requireNonNull(title, "title");
    requireNonNull(state, "state");
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }

  /** A step with an empty ledger. */
  public StepRecord(String name, String title, StepState state) {
    this(name, title, state, List.of(), null);
  }

  /** Tasks done out of tasks expected (the total may grow as a playbook includes more). */
  public record TaskCount(int done, int total) {}

  /** This step in another state. */
  public StepRecord withState(StepState newState) {
    return new StepRecord(name, title, newState, nodes, tasks);
  }

  /** This step with its task count. */
  public StepRecord withTasks(TaskCount count) {
    return new StepRecord(name, title, state, nodes, count);
  }

  /** The ledger entry of a node, if the node is a target of this step. */
  public Optional<NodeStep> node(String nodeId) {
    return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
  }

  /** This step with {@code entry} replacing the node's entry, or appended for a new node. */
  public StepRecord withNode(NodeStep entry) {
    List<NodeStep> copy = new ArrayList<>(nodes);
    int at = indexOf(entry.nodeId());
    if (at < 0) {
      copy.add(entry);
    } else {
      copy.set(at, entry);
    }
    return new StepRecord(name, title, state, copy, tasks);
  }

  /** Every running node failed with {@code why} (the job stopped while they ran). */
  public StepRecord withRunningNodesStopped(String why) {
    List<NodeStep> copy = new ArrayList<>(nodes.size());
    for (NodeStep n : nodes) {
      copy.add(n.state() == NodeState.RUNNING
          ? n.failed(io.qingstor.installer.core.exec.Outcome.CANCELLED, why) : n);
    }
    return new StepRecord(name, title, state, copy, tasks);
  }

  /** The fraction of this step's work done: its task count when known, else nodes done. */
  public double fractionDone() {
    if (tasks != null && tasks.total() > 0) {
      return Math.min(1.0, (double) tasks.done() / tasks.total());
    }
    if (nodes.isEmpty()) {
      return 0;
    }
    return (double) nodes.stream().filter(n -> n.state().done()).count() / nodes.size();
  }

  private int indexOf(String nodeId) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).nodeId().equals(nodeId)) {
        return i;
      }
    }
    return -1;
  }
}
