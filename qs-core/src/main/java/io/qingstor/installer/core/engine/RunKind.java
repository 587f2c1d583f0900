package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.plan.RunScript;

/** {@code run} steps: the script on each target node (the firstbox: locally, in the work directory). */
final class RunKind implements StepKind {
  private final StepRunner runner;

  RunKind(StepRunner runner) {
    this.runner = runner;
  }

  @Override
  public String key() {
    return RunScript.KEY;
  }

  @Override
  public StepOutcome run(StepContext context) {
    return runner.run(context.job().jobId(), context.index(), context.step(),
        context.targets().get(), context.cancellation());
  }
}
