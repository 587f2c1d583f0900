package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;

/**
 * {@code GetConfigQingStorLog} and {@code GetDeployQingStorLog}: a job's log by step.
 * {@code job_status} picks one step ({@code step2}, or {@code failed} for the step that failed);
 * {@code offset}/{@code limit} page through each step's lines (limit default 1000, max 10000).
 * Additive: {@code node_id} keeps only that node's lines; {@code wait_seconds} (0 to 30) holds the
 * request while nothing is new past {@code offset}, until a line arrives, the step or the job
 * ends, or the time is up.
 */
public record JobLogRequest(String jobId, String jobStatus, Long offset, Integer limit,
    String nodeId, Integer waitSeconds) implements ApiRequest {

  /** A request without a node filter that answers at once. */
  public JobLogRequest(String jobId, String jobStatus, Long offset, Integer limit) {
    this(jobId, jobStatus, offset, limit, null, null);
  }
}
