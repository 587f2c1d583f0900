package io.qingstor.installer.api.model;

import io.qingstor.installer.api.FieldError;
import java.util.List;

/**
 * What a {@code dry_run} answers instead of starting a job: the steps that would run with their
 * target nodes, the env file's lines removed ({@code "- ..."}) and added ({@code "+ ..."})
 * against the current one, the validation warnings, and a {@code plan_token} that binds the
 * apply (DeployQingStor, or the scale action) to this config, plan and node inventory.
 */
public record DryRunPlan(
    String planToken,
    List<PlannedStep> steps,
    List<String> envFileDiff,
    List<FieldError> warnings) {
  public DryRunPlan {
    steps = steps == null ? List.of() : List.copyOf(steps);
    envFileDiff = envFileDiff == null ? List.of() : List.copyOf(envFileDiff);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /**
   * One step that would run.
   *
   * @param jobType the job it belongs to ({@code config}, {@code deploy}, {@code scale_access}...)
   * @param step its status while it runs: {@code step2}
   * @param targets the node ids it runs on ({@code firstbox} for the installer's own machine; a
   *     node named by an IP not registered yet shows as that IP)
   */
  public record PlannedStep(String jobType, String step, String name, String title,
      List<String> targets) {
    public PlannedStep {
      targets = targets == null ? List.of() : List.copyOf(targets);
    }
  }
}
