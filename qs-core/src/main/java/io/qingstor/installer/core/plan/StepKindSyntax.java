package io.qingstor.installer.core.plan;

import java.util.Map;
import java.util.Set;

/**
 * Reads one kind of step from a plan file: the kind's key ({@code run}, {@code upload}...),
 * the step keys only that kind accepts, and the {@link StepAction} it becomes.
 *
 * <p>To add a step kind: a {@link StepAction} record, an implementation of this interface listed
 * in {@link PlanLoader#KINDS}, and an engine class performing it (see
 * {@code io.qingstor.installer.core.engine.StepKind}).
 */
public interface StepKindSyntax {
  /** The step key that selects this kind. */
  String key();

  /** Step keys beside the common ones that only this kind accepts (e.g. a playbook's tags). */
  default Set<String> extraKeys() {
    return Set.of();
  }

  /**
   * Reads the step.
   *
   * @param step the step's YAML mapping (its common keys are read elsewhere)
   * @param where the step's position for messages: {@code plan.yml: jobs.deploy[2]}
   * @param source the plan being read: its directory and templates
   * @throws PlanException naming {@code where} and the key that is wrong
   */
  StepAction parse(Map<?, ?> step, String where, PlanSource source);
}
