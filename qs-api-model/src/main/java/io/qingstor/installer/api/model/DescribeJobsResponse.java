package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiResponse;
import java.util.List;

/** The answer to {@code DescribeJobs}: newest first. */
public record DescribeJobsResponse(List<JobInfo> jobs, Integer totalCount) implements ApiResponse {
  public DescribeJobsResponse {
    jobs = jobs == null ? List.of() : List.copyOf(jobs);
  }
}
