package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.core.QingStorCore;
import java.time.Duration;
import java.util.List;

/** Test steps on one node of a core: collect its facts and wait, describe it. */
final class NodeJobs {
  private NodeJobs() {}

  /** Runs CollectNodes on the node, waits for it, and returns the finished job's status. */
  static JobInfo collect(QingStorCore core, String nodeId) throws InterruptedException {
    String jobId = core.collectNodes(new CollectNodesRequest(List.of(nodeId)), "ops").jobId();
    assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();
    return core.describeJobs(new DescribeJobsRequest(List.of(jobId), null, null, null)).jobs()
        .get(0);
  }

  /** The node as DescribeNodes shows it. */
  static NodeInfo describe(QingStorCore core, String nodeId) {
    return core.describeNodes(new DescribeNodesRequest(List.of(nodeId), null)).nodes().get(0);
  }
}
