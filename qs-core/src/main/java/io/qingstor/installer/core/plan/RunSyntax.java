package io.qingstor.installer.core.plan;

import java.util.Map;

/** Reads {@code run:} steps: a POSIX shell script. */
final class RunSyntax implements StepKindSyntax {
  @Override
  public String key() {
    return RunScript.KEY;
  }

  @Override
  public StepAction parse(Map<?, ?> step, String where, PlanSource source) {
    return new RunScript(Yamls.string(step, key(), where, true));
  }
}
