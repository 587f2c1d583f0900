package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;

/**
 * {@code GetConfigQingStorStatus} and {@code GetDeployQingStorStatus}: one job's status, or the
 * latest job of that family when {@code job_id} is absent.
 */
public record JobStatusRequest(String jobId) implements ApiRequest {}
