package io.qingstor.installer.core.plan;

import static java.util.Objects.requireNonNull;

/** {@code run}: a POSIX shell script executed on each target node, sent on stdin to sh. */
public record RunScript(String script) implements StepAction {
  /** The plan key of this kind. */
  public static final String KEY = "run";

  public RunScript {
    requireNonNull(script, "script");
  }

  @Override
  public String kindKey() {
    return KEY;
  }
}
