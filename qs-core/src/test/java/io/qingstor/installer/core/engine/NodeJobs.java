package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.StepRecord;
import java.time.Duration;
import java.util.List;

/** Test steps on one node of a core: collect its facts and wait, describe it; a job's stored ledger. */
final class NodeJobs {
  private NodeJobs() {}

  /** Runs CollectNodes on the node, waits for it, and returns the finished job's status. */
  static JobInfo collect(QingStorCore core, String nodeId) throws InterruptedException {
    String jobId = core.collectNodes(new CollectNodesRequest(List.of(nodeId)), "ops").jobId();
    assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();
    return core.describeJobs(new DescribeJobsRequest(List.of(jobId), null, null, null)).jobs()
        .get(0);
  }

  /** Step {@code index} of a job, with its ledger, as the store holds it on disk. */
  static StepRecord storedStep(QingStorCore core, String jobId, int index) {
    return core.store().loadJobs().stream().filter(j -> j.jobId().equals(jobId)).findFirst()
        .map(JobRecord::steps).orElseThrow().get(index);
  }

  /** The node as DescribeNodes shows it. */
  static NodeInfo describe(QingStorCore core, String nodeId) {
    return core.describeNodes(new DescribeNodesRequest(List.of(nodeId), null)).nodes().get(0);
  }
}
