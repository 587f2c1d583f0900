package io.qingstor.installer.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.SshExecutor;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the metered executor reports about commands that could not reach their node. */
class MeteredExecutorTest {
  @TempDir Path dir;

  @Test
  void aRefusedConnectionCountsAsAConnectFailureAndAnUnreachableCommand() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ServerMetrics metrics = new ServerMetrics();
    try (MeteredExecutor executor = new MeteredExecutor(SshExecutor.builder()
        .knownHostsFile(dir.resolve("known_hosts")).build(), "ssh", metrics)) {
      executor.execute(NodeTarget.withPassword("n-1", "127.0.0.1", closed, "nobody", "pw"),
          "true", Duration.ofSeconds(10), (stream, line) -> { }, new Cancellation());
    }

    String scrape = metrics.scrape();
    assertThat(scrape).contains("qs_ssh_connect_failures_total{reason=\"refused\"} 1.0")
        .contains("qs_node_commands_seconds_count{executor=\"ssh\",outcome=\"unreachable\"} 1");
  }

  @Test
  void reasonsAreAFixedSetNeverAnAddress() {
    assertThat(MeteredExecutor.connectFailureReason(
        "cannot connect to 10.0.0.5:22: timed out after 10s")).isEqualTo("timeout");
    assertThat(MeteredExecutor.connectFailureReason(
        "cannot connect to 10.0.0.5:22: host key changed")).isEqualTo("host_key");
    assertThat(MeteredExecutor.connectFailureReason(
        "cannot connect to 10.0.0.5:22: password rejected")).isEqualTo("auth");
    assertThat(MeteredExecutor.connectFailureReason(
        "cannot connect to 10.0.0.5:22: something new")).isEqualTo("other");
  }
}
