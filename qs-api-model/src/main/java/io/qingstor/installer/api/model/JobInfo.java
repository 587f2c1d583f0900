package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qingstor.installer.api.ApiResponse;
import java.util.List;

/**
 * A job's status: the answer to {@code GetConfigQingStorStatus}/{@code GetDeployQingStorStatus}
 * and an entry of {@code DescribeJobs}. {@code status} is {@code stepN} while running, then
 * {@code successful} or {@code failed}; {@code pre_status} is the status before it. The other
 * fields are additive to the seed and left out when null; the seed's two are always sent
 * ({@code pre_status} null for a job that has not started a step). A failed job adds
 * {@code reason} (the failure class of its first failed node, e.g. {@code auth_failed}, or
 * {@code cancelled}) and {@code hint} (one line saying what to do next). A job that went on
 * without nodes (a step's failure budget let them fail) lists them in {@code failed_nodes} and
 * says why in {@code warnings}, one line per node, whether it ended successful or not.
 */
public record JobInfo(
    String jobId,
    String jobType,
    @JsonInclude(JsonInclude.Include.ALWAYS) String status,
    @JsonInclude(JsonInclude.Include.ALWAYS) String preStatus,
    String stepTitle,
    Integer totalSteps,
    Integer progress,
    String error,
    String createTime,
    String startTime,
    String endTime,
    String reason,
    String hint,
    List<String> failedNodes,
    List<String> warnings) implements ApiResponse {

  public JobInfo {
    failedNodes = failedNodes == null || failedNodes.isEmpty() ? null : List.copyOf(failedNodes);
    warnings = warnings == null || warnings.isEmpty() ? null : List.copyOf(warnings);
  }

  /** A status without nodes left out. */
  public JobInfo(String jobId, String jobType, String status, String preStatus, String stepTitle,
      Integer totalSteps, Integer progress, String error, String createTime, String startTime,
      String endTime, String reason, String hint) {
    this(jobId, jobType, status, preStatus, stepTitle, totalSteps, progress, error, createTime,
        startTime, endTime, reason, hint, null, null);
  }

  /** A status without a failure reason. */
  public JobInfo(String jobId, String jobType, String status, String preStatus, String stepTitle,
      Integer totalSteps, Integer progress, String error, String createTime, String startTime,
      String endTime) {
    this(jobId, jobType, status, preStatus, stepTitle, totalSteps, progress, error, createTime,
        startTime, endTime, null, null);
  }
}
