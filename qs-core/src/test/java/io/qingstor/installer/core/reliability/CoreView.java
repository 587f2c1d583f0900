package io.qingstor.installer.core.reliability;

import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.core.QingStorCore;
import java.util.List;

/** What a client can read of a core: the platform, every job (newest first) and every node. */
record CoreView(QingStorInfo platform, List<JobInfo> jobs, List<NodeInfo> nodes) {
  static CoreView of(QingStorCore core) {
    return new CoreView(core.describeQingStor().qingstor(),
        core.describeJobs(new DescribeJobsRequest(null, null, null, 1000)).jobs(),
        core.describeNodes(new DescribeNodesRequest(null, null)).nodes());
  }

  /** This view without the jobs {@code other} does not know. */
  CoreView onlyJobsOf(CoreView other) {
    List<String> known = other.jobs.stream().map(JobInfo::jobId).toList();
    return new CoreView(platform, jobs.stream().filter(j -> known.contains(j.jobId())).toList(),
        nodes);
  }
}
