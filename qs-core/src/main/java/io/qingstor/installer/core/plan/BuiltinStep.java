package io.qingstor.installer.core.plan;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/** {@code builtin}: work the engine performs itself ({@code render-config}, {@code collect-facts}). */
public record BuiltinStep(String builtin) implements StepAction {
  /** The plan key of this kind. */
  public static final String KEY = "builtin";
  /** Renders the env file and the Ansible inventory into the artifacts. */
  public static final String RENDER_CONFIG = "render-config";
  /** Runs the hardware facts script on each node and stores what it finds. */
  public static final String COLLECT_FACTS = "collect-facts";
  /** Every builtin there is. */
  public static final Set<String> NAMES = Set.of(RENDER_CONFIG, COLLECT_FACTS);

  public BuiltinStep {
    requireNonNull(builtin, "builtin");
    if (!NAMES.contains(builtin)) {
      throw new IllegalArgumentException("unknown builtin " + builtin);
    }
  }

  @Override
  public String kindKey() {
    return KEY;
  }
}
