package io.qingstor.installer.core.plan;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One step of a plan: what it does ({@link StepAction}: a script, a builtin, an upload, a
 * fetch...), on which nodes, and how.
 *
 * @param retries how many times a node's failed attempt is repeated (0: run once)
 * @param parallelism how many target nodes run the step at once
 * @param become whether the step runs as root through sudo on every node
 * @param rerunAll a resumed job runs the step on every target node ({@code rerun: all}), not
 *     only on those where it did not complete
 * @param budget how many target nodes may fail while the job goes on without them
 * @param triedWhenForced a {@code removed} step a forced scale-in still tries on the nodes it
 *     removes, every failure only a warning ({@code forced: try}); false: a forced scale-in
 *     contacts none of them in this step
 */
public record PlanStep(
    String name,
    String title,
    Targets targets,
    StepAction action,
    Duration timeout,
    int retries,
    int parallelism,
    boolean become,
    boolean rerunAll,
    FailureBudget budget,
    boolean triedWhenForced) {
  public PlanStep {
    requireNonNull(name, "name");
    requireNonNull(title, "title");
    requireNonNull(targets, "targets");
    requireNonNull(action, "action");
    requireNonNull(timeout, "timeout");
    budget = budget == null ? FailureBudget.NONE : budget;
  }

  /** The script of a {@code run} step, or null for other kinds. */
  public String run() {
    return action instanceof RunScript r ? r.script() : null;
  }

  /** The builtin's name of a {@code builtin} step, or null for other kinds. */
  public String builtin() {
    return action instanceof BuiltinStep b ? b.builtin() : null;
  }

  /** This step doing something else, with the same name, targets and limits. */
  public PlanStep withAction(StepAction other) {
    return new PlanStep(name, title, targets, other, timeout, retries, parallelism, become,
        rerunAll, budget, triedWhenForced);
  }

  /** This step with another failure budget. */
  public PlanStep withBudget(FailureBudget other) {
    return new PlanStep(name, title, targets, action, timeout, retries, parallelism, become,
        rerunAll, other, triedWhenForced);
  }

  /** A step a forced scale-in does not try on the nodes it removes. */
  public PlanStep(String name, String title, Targets targets, StepAction action, Duration timeout,
      int retries, int parallelism, boolean become, boolean rerunAll, FailureBudget budget) {
    this(name, title, targets, action, timeout, retries, parallelism, become, rerunAll, budget,
        false);
  }

  /** A step without a failure budget. */
  public PlanStep(String name, String title, Targets targets, StepAction action, Duration timeout,
      int retries, int parallelism, boolean become, boolean rerunAll) {
    this(name, title, targets, action, timeout, retries, parallelism, become, rerunAll,
        FailureBudget.NONE);
  }

  /** A step that a resume runs only on the nodes where it did not complete. */
  public PlanStep(String name, String title, Targets targets, StepAction action, Duration timeout,
      int retries, int parallelism, boolean become) {
    this(name, title, targets, action, timeout, retries, parallelism, become, false);
  }
}
