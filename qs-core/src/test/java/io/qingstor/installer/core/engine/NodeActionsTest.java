package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.DeleteNodesRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.state.SecretBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AddNodes, DescribeNodes, DeleteNodes, CollectNodes and DescribeJobs through the core. */
class NodeActionsTest {
  @TempDir Path data;
  private QingStorCore core;

  @BeforeEach
  void open() {
    core = QingStorCore.builder().dataDir(data).build();
  }

  @AfterEach
  void close() {
    core.close();
  }

  private static NodeSpec spec(String id, String ip) {
    return new NodeSpec(id, ip, null, null, "pw-secret", null, Map.of());
  }

  @Test
  void addedNodesGetGeneratedIdsAndDefaults() {
    List<String> ids = core.addNodes(new AddNodesRequest(List.of(spec(null, "10.0.0.5"))))
        .nodeIds();

    assertThat(ids).singleElement().asString().matches("n-[A-Za-z0-9]{8}");
    NodeInfo node = core.describeNodes(new DescribeNodesRequest(null, null)).nodes().get(0);
    assertThat(node.sshPort()).isEqualTo(22);
    assertThat(node.sshUser()).isEqualTo("root");
    assertThat(node.status()).isEqualTo("new");
    assertThat(node.auth()).isEqualTo("password");
  }

  @Test
  void credentialsAreStoredPrivatelyAndNeverDescribed() throws Exception {
    core.addNodes(new AddNodesRequest(List.of(spec("n-a", "10.0.0.5"))));

    assertThat(core.describeNodes(new DescribeNodesRequest(null, null)).toString())
        .doesNotContain("pw-secret");
    assertThat(Files.readString(data.resolve("nodes.json"))).doesNotContain("pw-secret")
        .contains(SecretBox.PREFIX);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("nodes.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aRegisteredIdOrIpIsRefusedAndNothingIsAdded() {
    core.addNodes(new AddNodesRequest(List.of(spec("n-a", "10.0.0.5"))));

    QsApiException e = catchThrowableOfType(QsApiException.class, () -> core.addNodes(
        new AddNodesRequest(List.of(spec("n-b", "10.0.0.6"), spec("n-a", "10.0.0.5")))));

    assertThat(e.errors()).extracting(f -> f.field())
        .containsExactly("nodes[1].node_id", "nodes[1].ip");
    assertThat(core.describeNodes(new DescribeNodesRequest(null, null)).totalCount()).isEqualTo(1);
  }

  @Test
  void deletingAnUnknownNodeIsNotFound() {
    QsApiException e = catchThrowableOfType(QsApiException.class,
        () -> core.deleteNodes(new DeleteNodesRequest(List.of("n-nope"))));

    assertThat(e.retCode()).isEqualTo(RetCode.RESOURCE_NOT_FOUND);
  }

  @Test
  void aNodeNamedTwiceInOneDeleteIsDeletedOnce() {
    core.addNodes(new AddNodesRequest(List.of(spec("n-a", "10.0.0.5"), spec("n-b", "10.0.0.6"))));

    List<String> deleted = core.deleteNodes(new DeleteNodesRequest(List.of("n-a", "n-a")))
        .nodeIds();

    assertThat(deleted).containsExactly("n-a");
    assertThat(core.describeNodes(new DescribeNodesRequest(null, null)).nodes())
        .extracting(NodeInfo::nodeId).containsExactly("n-b");
  }

  @Test
  void aClosedCoreRefusesNewJobsAndRecordsNone() {
    core.addNodes(new AddNodesRequest(List.of(spec("n-a", "10.0.0.5"))));
    core.close();

    QsApiException e = catchThrowableOfType(QsApiException.class,
        () -> core.collectNodes(new CollectNodesRequest(null), "admin"));

    assertThat(e.retCode()).isEqualTo(RetCode.SERVER_BUSY);
    assertThat(e.getMessage()).contains("shutting down");
    try (QingStorCore reopened = QingStorCore.builder().dataDir(data).build()) {
      assertThat(reopened.describeJobs(new DescribeJobsRequest(null, null, null, null))
          .totalCount()).isZero();
    }
  }

  @Test
  void deletingAPlatformNodeIsRefusedButOthersGo() throws Exception {
    try (Fleet fleet = new Fleet(7, 90)) {
      fleet.register(core);
      core.configQingStor(Fleet.seedTopology(), "admin");
      assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();

      QsApiException e = catchThrowableOfType(QsApiException.class,
          () -> core.deleteNodes(new DeleteNodesRequest(List.of("n-7", "n-4"))));

      assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED);
      assertThat(e.getMessage()).contains("n-4");
      assertThat(core.deleteNodes(new DeleteNodesRequest(List.of("n-7"))).nodeIds())
          .containsExactly("n-7");
      assertThat(core.describeNodes(new DescribeNodesRequest(List.of("n-4"), null)).nodes()
          .get(0).roles()).containsExactly("storage");
    }
  }

  @Test
  void collectNodesStoresFactsAndMarksUnreachableNodes() throws Exception {
    try (Fleet fleet = new Fleet(2, 95)) {
      fleet.register(core);
      fleet.node(2).stop();

      String jobId = core.collectNodes(new CollectNodesRequest(null), "admin").jobId();
      assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();

      JobInfo job = core.describeJobs(new DescribeJobsRequest(List.of(jobId), null, null, null))
          .jobs().get(0);
      assertThat(job.jobType()).isEqualTo("collect_nodes");
      assertThat(job.status()).isEqualTo("failed");
      assertThat(job.error()).contains("n-2 (connection_refused: cannot connect");
      List<NodeInfo> nodes = core.describeNodes(new DescribeNodesRequest(null, null)).nodes();
      assertThat(nodes.get(0).status()).isEqualTo("ready");
      assertThat(nodes.get(0).facts().cpus()).isPositive();
      assertThat(nodes.get(0).facts().interfaces()).anySatisfy(i ->
          assertThat(i.name()).isEqualTo("lo"));
      assertThat(nodes.get(1).status()).isEqualTo("unreachable");
      assertThat(nodes.get(1).facts()).isNull();
    }
  }

  @Test
  void describeJobsFiltersByTypeAndStatusNewestFirst() throws Exception {
    try (Fleet fleet = new Fleet(1, 98)) {
      fleet.register(core);
      String first = core.collectNodes(new CollectNodesRequest(null), "admin").jobId();
      assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();
      String second = core.collectNodes(new CollectNodesRequest(List.of("n-1")), "admin").jobId();
      assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();

      assertThat(core.describeJobs(new DescribeJobsRequest(null, "collect_nodes", "successful",
          null)).jobs()).extracting(JobInfo::jobId).containsExactly(second, first);
      assertThat(core.describeJobs(new DescribeJobsRequest(null, "deploy", null, null)).jobs())
          .isEmpty();
      assertThat(catchThrowableOfType(QsApiException.class, () -> core.describeJobs(
          new DescribeJobsRequest(null, "destroy", null, null))).errors().get(0).field())
          .isEqualTo("job_type");
    }
  }
}
