package io.qingstor.installer.core.plan;

import java.util.Map;
import java.util.Set;

/** Reads a step's {@code max_failed_nodes} or {@code max_failed_percent}. */
final class FailureBudgetSyntax {
  static final Set<String> KEYS = Set.of(FailureBudget.NODES_KEY, FailureBudget.PERCENT_KEY);

  private FailureBudgetSyntax() {}

  /**
   * The step's budget, {@link FailureBudget#NONE} without one.
   *
   * @throws PlanException naming the key: both keys set, a value that is not a whole number in
   *     range, or a step that cannot go on without a node (the firstbox, a fetch, a builtin)
   */
  static FailureBudget read(Map<?, ?> step, String where, Targets targets, StepAction action) {
    boolean nodes = step.containsKey(FailureBudget.NODES_KEY);
    boolean percent = step.containsKey(FailureBudget.PERCENT_KEY);
    if (!nodes && !percent) {
      return FailureBudget.NONE;
    }
    String key = nodes ? FailureBudget.NODES_KEY : FailureBudget.PERCENT_KEY;
    String at = where + "." + key;
    if (nodes && percent) {
      throw new PlanException(at + ": set either " + FailureBudget.NODES_KEY + " or "
          + FailureBudget.PERCENT_KEY + ", not both");
    }
    refuseWhereNoNodeCanBeLeftOut(at, targets, action);
    Object value = step.get(key);
    if (nodes) {
      if (!(value instanceof Integer) || (Integer) value < 0) {
        throw new PlanException(at + ": must be a whole number of nodes, 0 or more (was "
            + value + ")");
      }
      return FailureBudget.nodes((Integer) value);
    }
    if (!(value instanceof Integer) || (Integer) value < 0 || (Integer) value > 100) {
      throw new PlanException(at + ": must be a whole percentage from 0 to 100, without % (was "
          + value + ")");
    }
    return FailureBudget.percent((Integer) value);
  }

  private static void refuseWhereNoNodeCanBeLeftOut(String at, Targets targets,
      StepAction action) {
    if (targets == Targets.FIRSTBOX) {
      throw new PlanException(at + ": a firstbox step runs on the installer's own machine;"
          + " there is no node to go on without");
    }
    if (action instanceof FetchStep) {
      throw new PlanException(at + ": a fetch step copies from its first target node only;"
          + " it cannot go on without it");
    }
    if (action instanceof BuiltinStep) {
      throw new PlanException(at + ": builtin steps take no failure budget");
    }
  }
}
