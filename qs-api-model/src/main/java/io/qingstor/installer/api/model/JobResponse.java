package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qingstor.installer.api.ApiResponse;

/** The answer of every action that starts or names a job: its {@code job_id}, always sent. */
public record JobResponse(@JsonInclude(JsonInclude.Include.ALWAYS) String jobId)
    implements ApiResponse {}
