package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qingstor.installer.api.ApiResponse;

/**
 * The answer of every action that starts or names a job: its {@code job_id}, always sent; a scale
 * dry run starts none ({@code job_id: null}) and answers {@code dry_run}, the plan that would run.
 */
public record JobResponse(@JsonInclude(JsonInclude.Include.ALWAYS) String jobId,
    DryRunPlan dryRun) implements ApiResponse {
  /** The answer naming a job. */
  public JobResponse(String jobId) {
    this(jobId, null);
  }
}
