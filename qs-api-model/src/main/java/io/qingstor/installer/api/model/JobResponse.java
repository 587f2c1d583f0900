package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiResponse;

/** The answer of every action that starts or names a job: its {@code job_id}. */
public record JobResponse(String jobId) implements ApiResponse {}
