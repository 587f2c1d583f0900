package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiResponse;

/**
 * A job's status: the answer to {@code GetConfigQingStorStatus}/{@code GetDeployQingStorStatus}
 * and an entry of {@code DescribeJobs}. {@code status} is {@code stepN} while running, then
 * {@code successful} or {@code failed}; {@code pre_status} is the status before it. The other
 * fields are additive to the seed.
 */
public record JobInfo(
    String jobId,
    String jobType,
    String status,
    String preStatus,
    String stepTitle,
    Integer totalSteps,
    Integer progress,
    String error,
    String createTime,
    String startTime,
    String endTime) implements ApiResponse {}
