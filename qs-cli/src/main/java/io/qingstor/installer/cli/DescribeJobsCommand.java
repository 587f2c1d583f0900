package io.qingstor.installer.cli;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeJobsResponse;
import io.qingstor.installer.client.QsClient;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code DescribeJobs}: jobs newest first, filtered by id, type and status. */
@Command(name = "describe-jobs", aliases = "jobs", description = "List jobs, newest first.")
final class DescribeJobsCommand extends ActionCommand<DescribeJobsResponse> {
  @Option(names = "--job-id", paramLabel = "JOB", description = "Only this job; repeatable.")
  List<String> jobIds;

  @Option(names = "--job-type", paramLabel = "TYPE",
      description = "config, deploy, scale_access, scale_storage or collect_nodes.")
  String jobType;

  @Option(names = "--status", paramLabel = "STATUS",
      description = "pending, running, successful or failed.")
  String status;

  @Option(names = "--limit", paramLabel = "N", description = "At most this many (default 100).")
  Integer limit;

  @Override
  Action action() {
    return Action.DESCRIBE_JOBS;
  }

  @Override
  DescribeJobsResponse invoke(QsClient client) {
    return client.describeJobs(new DescribeJobsRequest(jobIds, jobType, status, limit));
  }

  @Override
  void table(DescribeJobsResponse response, PrintWriter out) {
    JobTables.list(response.jobs(), out);
  }
}
