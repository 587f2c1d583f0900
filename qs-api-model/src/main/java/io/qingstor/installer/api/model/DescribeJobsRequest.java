package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiRequest;
import java.util.List;

/**
 * {@code DescribeJobs}: jobs newest first, filtered by ids, {@code job_type} and {@code status}
 * ({@code running} matches any {@code stepN}); {@code limit} defaults to 100.
 */
public record DescribeJobsRequest(List<String> jobIds, String jobType, String status, Integer limit)
    implements ApiRequest {
  public DescribeJobsRequest {
    jobIds = jobIds == null ? null : List.copyOf(jobIds);
  }
}
