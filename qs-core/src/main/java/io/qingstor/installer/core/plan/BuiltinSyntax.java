package io.qingstor.installer.core.plan;

import java.util.Map;
import java.util.TreeSet;

/** Reads {@code builtin:} steps: {@code render-config} or {@code collect-facts}. */
final class BuiltinSyntax implements StepKindSyntax {
  @Override
  public String key() {
    return BuiltinStep.KEY;
  }

  @Override
  public StepAction parse(Map<?, ?> step, String where, PlanSource source) {
    String builtin = Yamls.string(step, key(), where, true);
    if (!BuiltinStep.NAMES.contains(builtin)) {
      throw new PlanException(where + ".builtin: unknown builtin " + builtin + "; expected one of "
          + new TreeSet<>(BuiltinStep.NAMES));
    }
    return new BuiltinStep(builtin);
  }
}
