package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.FieldError;
import java.util.List;

/**
 * The answer to {@code ConfigQingStor}: the config job, and warnings (present only when any); a
 * dry run has no job and answers {@code dry_run}, the plan that would run.
 */
public record ConfigQingStorResponse(
    @JsonInclude(JsonInclude.Include.ALWAYS) String jobId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> warnings,
    DryRunPlan dryRun)
    implements ApiResponse {
  public ConfigQingStorResponse {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** The answer of a config that started its job. */
  public ConfigQingStorResponse(String jobId, List<FieldError> warnings) {
    this(jobId, warnings, null);
  }
}
