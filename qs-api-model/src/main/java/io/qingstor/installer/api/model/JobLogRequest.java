package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;

/**
 * {@code GetConfigQingStorLog} and {@code GetDeployQingStorLog}: a job's log by step.
 * {@code job_status} picks one step ({@code step2}, or {@code failed} for the step that failed);
 * {@code offset}/{@code limit} page through each step's lines (limit default 1000, max 10000).
 */
public record JobLogRequest(String jobId, String jobStatus, Long offset, Integer limit)
    implements ApiRequest {}
