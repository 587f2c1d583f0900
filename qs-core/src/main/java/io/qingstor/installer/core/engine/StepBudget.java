package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.plan.FailureBudget;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One running step's failure budget: counts the nodes that failed it (each once, whatever the
 * order its failure is reported in) and, for a step whose plan sets a budget, cancels the step's
 * own cancellation the moment one node too many failed, so the nodes still running stop and
 * those not started never start. The job's cancellation reaches the step's through the link;
 * the step's never reaches the job's.
 */
final class StepBudget implements AutoCloseable {
  private final FailureBudget budget;
  private final int targets;
  private final Cancellation.Linked step;
  private final Set<String> failed = ConcurrentHashMap.newKeySet();

  StepBudget(FailureBudget budget, int targets, Cancellation job) {
    this.budget = budget;
    this.targets = targets;
    this.step = job.newChild();
  }

  /** What the step's work stops on: the job's cancellation, or this budget running out. */
  Cancellation cancellation() {
    return step.child();
  }

  /** How many nodes may fail. */
  int tolerated() {
    return budget.tolerated(targets);
  }

  /** Counts a node that failed the step; cancels the step when that is one too many. */
  void failed(String nodeId) {
    if (failed.add(nodeId) && budget.isSet() && failed.size() > tolerated()) {
      step.child().cancel("over the step's failure budget (" + budget.describe(targets) + ")");
    }
  }

  /** "max_failed_nodes 1" as the plan says it, with what it allows of this step's nodes. */
  String describe() {
    return budget.describe(targets);
  }

  /** Stops the job's cancellation reaching this step's. */
  @Override
  public void close() {
    step.close();
  }
}
