package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.NetInterface;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.nodes.FactsParser;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import io.qingstor.installer.core.store.LogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory never grows past what the store can read back: requests and the inventory have
 * a bound on nodes, and a node's facts are truncated with a warning instead of stored whole.
 * Each route ends with a restart that loads what was written.
 */
class InventoryLimitsTest {
  private static final int FLOODED_ADDRESSES = 70_000;

  @TempDir Path data;

  @Test
  void aRequestWithMoreNodesThanOneRequestMayCarryIsRefusedWhole() {
    try (QingStorCore core = QingStorCore.builder().dataDir(data).build()) {
      QsApiException e = catchThrowableOfType(QsApiException.class,
          () -> core.addNodes(new AddNodesRequest(specs(0, 1_001))));

      assertThat(e.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
      assertThat(e.errors()).extracting(FieldError::field).containsExactly("nodes");
      assertThat(e.errors().get(0).message()).contains("at most 1000 nodes per request");
      assertThat(core.describeNodes(new DescribeNodesRequest(null, null)).totalCount()).isZero();
    }
  }

  @Test
  void theInventoryStopsAtTenThousandNodesAndLoadsThemAfterARestart() {
    try (QingStorCore core = QingStorCore.builder().dataDir(data).build()) {
      for (int batch = 0; batch < 10; batch++) {
        core.addNodes(new AddNodesRequest(specs(batch * 1_000, 1_000)));
      }

      QsApiException e = catchThrowableOfType(QsApiException.class,
          () -> core.addNodes(new AddNodesRequest(specs(10_000, 1))));

      assertThat(e.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("at most 10000 nodes");
    }
    try (QingStorCore restarted = QingStorCore.builder().dataDir(data).build()) {
      assertThat(restarted.describeNodes(new DescribeNodesRequest(null, null)).totalCount())
          .isEqualTo(10_000);
    }
  }

  @Test
  void aNodePrintingSeventyThousandAddressesIsStoredTruncatedWithAWarning() throws Exception {
    Path tools = Files.createDirectories(data.resolveSibling(data.getFileName() + "-tools"));
    Path ip = tools.resolve("ip");
    // A real command on the node, found first on its PATH by the facts script.
    Files.writeString(ip, "#!/bin/sh\nawk 'BEGIN { for (i = 0; i < " + FLOODED_ADDRESSES
        + "; i++) printf \"2: eth0    inet 10.%d.%d.%d/32 scope global eth0\\n\","
        + " i / 65536, (i / 256) % 256, i % 256 }'\n");
    Files.setPosixFilePermissions(ip, PosixFilePermissions.fromString("rwx------"));
    String jobId;
    try (SandboxNode node = SandboxNode.builder("flood").host("127.0.10.3").password("pw")
            .environment("PATH", tools + ":" + System.getenv("PATH")).start();
        QingStorCore core = QingStorCore.builder().dataDir(data).build()) {
      core.addNodes(new AddNodesRequest(List.of(new NodeSpec("n-flood", node.host(), node.port(),
          node.user(), "pw", null, Map.of()))));

      jobId = core.collectNodes(new CollectNodesRequest(null), "admin").jobId();
      assertThat(core.awaitIdle(Duration.ofSeconds(120))).isTrue();

      assertThat(core.describeJobs(new DescribeJobsRequest(List.of(jobId), null, null, null))
          .jobs().get(0).status()).isEqualTo("successful");
      long total = core.store().readLog(jobId, 0, 0, 1).totalLines();
      assertThat(core.store().readLog(jobId, 0, total - 20, 20).lines()).extracting(LogEntry::text)
          .anySatisfy(text -> assertThat(text).contains("facts truncated")
              .contains("addresses beyond the first " + FactsParser.MAX_ADDRESSES));
    }
    try (QingStorCore restarted = QingStorCore.builder().dataDir(data).build()) {
      NodeInfo node = restarted.describeNodes(new DescribeNodesRequest(null, null)).nodes().get(0);
      assertThat(node.facts().interfaces()).filteredOn(i -> i.name().equals("eth0"))
          .singleElement().extracting(NetInterface::addresses).asList()
          .hasSize(FactsParser.MAX_ADDRESSES);
    }
  }

  @Test
  void aNodeNamedSixtyThousandTimesIsCollectedOnce() throws Exception {
    try (QingStorCore core = QingStorCore.builder().dataDir(data).build()) {
      // Nothing listens there: the node is unreachable at once.
      core.addNodes(new AddNodesRequest(List.of(new NodeSpec("n-1", "127.0.10.5", 2222, null,
          "pw", null, Map.of()))));

      String jobId = core.collectNodes(new CollectNodesRequest(
          java.util.Collections.nCopies(60_000, "n-1")), "admin").jobId();
      assertThat(core.awaitIdle(Duration.ofSeconds(60))).isTrue();

      assertThat(core.store().readLog(jobId, 0, 0, 1).lines()).extracting(LogEntry::text)
          .singleElement().asString().startsWith("running on 1 node(s)");
      QsApiException e = catchThrowableOfType(QsApiException.class, () -> core.describeNodes(
          new DescribeNodesRequest(specs(0, 10_001).stream().map(NodeSpec::nodeId).toList(),
              null)));
      assertThat(e.errors()).extracting(FieldError::field).containsExactly("node_ids");
    }
  }

  /** {@code count} nodes with password credentials, numbered from {@code first}. */
  private static List<NodeSpec> specs(int first, int count) {
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      specs.add(new NodeSpec("n-" + i, "10.1." + (i / 250) + "." + (i % 250 + 1), null, null,
          "node-password-" + i, null, Map.of("qs_root", "/opt/qingstor")));
    }
    return specs;
  }
}
