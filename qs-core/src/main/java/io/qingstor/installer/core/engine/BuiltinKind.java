package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.plan.BuiltinStep;

/** {@code builtin} steps: {@code render-config} and {@code collect-facts} ({@link Builtins}). */
final class BuiltinKind implements StepKind {
  private final Builtins builtins;

  BuiltinKind(Builtins builtins) {
    this.builtins = builtins;
  }

  @Override
  public String key() {
    return BuiltinStep.KEY;
  }

  @Override
  public StepOutcome run(StepContext context) {
    if (BuiltinStep.RENDER_CONFIG.equals(context.step().builtin())) {
      return builtins.renderConfig(context.job(), context.index(), context.config());
    }
    return builtins.collectFacts(context.job(), context.index(), context.step(), context.nodes(),
        context.cancellation());
  }
}
