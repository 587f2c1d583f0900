package io.qingstor.installer.core.plan;

/**
 * What a step does: exactly one kind per step ({@link RunScript}, {@link BuiltinStep},
 * {@link UploadStep}, {@link FetchStep}). Each kind has its YAML key, read by a
 * {@link StepKindSyntax} registered in {@link PlanLoader}, and an engine class that performs it.
 */
public interface StepAction {
  /** The plan key naming this kind ({@code run}, {@code upload}...). */
  String kindKey();
}
