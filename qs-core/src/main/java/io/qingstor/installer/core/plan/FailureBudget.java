package io.qingstor.installer.core.plan;

/**
 * How many of a step's target nodes may fail while the job goes on without them: a number of
 * nodes ({@code max_failed_nodes}) or a percentage of the step's target nodes
 * ({@code max_failed_percent}, Ansible's {@code max_fail_percentage}: the step is over its budget
 * when more than that share failed, so {@code floor(targets * percent / 100)} nodes may fail).
 * {@link #NONE}, the default, tolerates no failure and keeps the engine's behaviour without a
 * budget: the step runs on every node, then fails.
 *
 * @param maxFailedNodes the nodes that may fail, or null
 * @param maxFailedPercent the percentage of target nodes that may fail (0..100), or null
 */
public record FailureBudget(Integer maxFailedNodes, Integer maxFailedPercent) {
  /** The plan keys. */
  public static final String NODES_KEY = "max_failed_nodes";
  public static final String PERCENT_KEY = "max_failed_percent";

  /** No budget: no node may fail. */
  public static final FailureBudget NONE = new FailureBudget(null, null);

  public FailureBudget {
    if (maxFailedNodes != null && maxFailedPercent != null) {
      throw new IllegalArgumentException("a budget is a number of nodes or a percentage, not both");
    }
    if (maxFailedNodes != null && maxFailedNodes < 0) {
      throw new IllegalArgumentException("maxFailedNodes must be 0 or more, was " + maxFailedNodes);
    }
    if (maxFailedPercent != null && (maxFailedPercent < 0 || maxFailedPercent > 100)) {
      throw new IllegalArgumentException("maxFailedPercent must be 0..100, was "
          + maxFailedPercent);
    }
  }

  /** A budget of {@code nodes} failed nodes. */
  public static FailureBudget nodes(int nodes) {
    return new FailureBudget(nodes, null);
  }

  /** A budget of {@code percent} percent of the step's target nodes. */
  public static FailureBudget percent(int percent) {
    return new FailureBudget(null, percent);
  }

  /** True when the plan set a budget (even 0): the step then stops at once when over it. */
  public boolean isSet() {
    return maxFailedNodes != null || maxFailedPercent != null;
  }

  /** How many of {@code targets} nodes may fail: rounded down for a percentage. */
  public int tolerated(int targets) {
    if (maxFailedNodes != null) {
      return maxFailedNodes;
    }
    return maxFailedPercent == null ? 0 : (int) ((long) targets * maxFailedPercent / 100);
  }

  /** "max_failed_nodes 1" or "max_failed_percent 30, 3 of 10 nodes"; "none" without a budget. */
  public String describe(int targets) {
    if (maxFailedNodes != null) {
      return NODES_KEY + " " + maxFailedNodes;
    }
    return maxFailedPercent == null ? "none" : PERCENT_KEY + " " + maxFailedPercent + ", "
        + tolerated(targets) + " of " + targets + " node(s)";
  }
}
