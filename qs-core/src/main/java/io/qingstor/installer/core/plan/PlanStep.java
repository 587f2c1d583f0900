package io.qingstor.installer.core.plan;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One step of a plan: a shell script ({@code run}) executed on each target node, or a
 * {@code builtin} the engine performs itself ({@code render-config}, {@code collect-facts}).
 *
 * @param retries how many times a node's failed attempt is repeated (0: run once)
 * @param parallelism how many target nodes run the step at once
 * @param rerunAll a resumed job runs the step on every target node ({@code rerun: all}), not
 *     only on those where it did not complete
 */
public record PlanStep(
    String name,
    String title,
    Targets targets,
    String run,
    String builtin,
    Duration timeout,
    int retries,
    int parallelism,
    boolean rerunAll) {
  public PlanStep {
    requireNonNull(name, "name");
    requireNonNull(title, "title");
    requireNonNull(targets, "targets");
    requireNonNull(timeout, "timeout");
    if ((run == null) == (builtin == null)) {
      throw new IllegalArgumentException("step " + name + " needs exactly one of run or builtin");
    }
  }

  /** A step that a resume runs only where it did not complete. */
  public PlanStep(String name, String title, Targets targets, String run, String builtin,
      Duration timeout, int retries, int parallelism) {
    this(name, title, targets, run, builtin, timeout, retries, parallelism, false);
  }
}
