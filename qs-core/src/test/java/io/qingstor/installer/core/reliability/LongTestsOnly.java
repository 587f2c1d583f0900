package io.qingstor.installer.core.reliability;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips a jqwik property unless {@code -Dqs.longTests=true}. */
public final class LongTestsOnly implements SkipExecutionHook {
  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    return Boolean.getBoolean("qs.longTests") ? SkipResult.doNotSkip()
        : SkipResult.skip("runs with -Dqs.longTests=true");
  }
}
