package io.qingstor.installer.core.engine;

/**
 * Performs one kind of plan step ({@code run}, {@code builtin}, {@code upload}, {@code fetch}).
 * {@link JobSteps} picks the kind by the step's {@code kindKey()}.
 *
 * <p>To add a kind (say {@code playbook}): a {@code StepAction} record and a
 * {@code StepKindSyntax} in the plan package (listed in {@code PlanLoader.KINDS}), then a class
 * implementing this interface, added to the list in {@link JobSteps}'s constructor. Log through
 * {@link StepContext#log()} (it scrubs secrets) and report node failures in the
 * {@link StepOutcome}; {@link StepRunner#fanOut} runs per-node work with the step's parallelism,
 * retries and cancellation.
 */
interface StepKind {
  /** The plan key of the steps this kind performs. */
  String key();

  /** Performs the step; never throws for a node's failure, which goes into the outcome. */
  StepOutcome run(StepContext context);
}
