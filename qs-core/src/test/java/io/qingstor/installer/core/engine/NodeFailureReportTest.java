package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.api.model.NodeModification;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node failure as an operator sees it: the node's status and DescribeNodes entry, the job's
 * error, reason and hint, and the step log, over real in-process SSH nodes on 127.0.70.4x.
 */
class NodeFailureReportTest {
  private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());

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

  private void register(String id, String ip, int port, String password) {
    core.addNodes(new AddNodesRequest(List.of(new NodeSpec(id, ip, port, "root", password, null,
        Map.of()))));
  }

  private JobInfo collect(String id) throws InterruptedException {
    return NodeJobs.collect(core, id);
  }

  private NodeInfo node(String id) {
    return NodeJobs.describe(core, id);
  }

  @Test
  void aWrongPasswordIsReportedAsSuchAndDoesNotMarkTheNodeUnreachable() throws Exception {
    try (SandboxNode sandbox = SandboxNode.start("r-1", "127.0.70.41", "root", PASSWORD)) {
      register("n-1", sandbox.host(), sandbox.port(), "wrong-" + PASSWORD);

      JobInfo job = collect("n-1");

      assertThat(job.error()).contains("n-1 (auth_failed: ").doesNotContain("unreachable");
      assertThat(job.reason()).isEqualTo("auth_failed");
      assertThat(job.hint()).isEqualTo("n-1 refused the SSH login: fix ssh_user and ssh_password"
          + " or ssh_key with ModifyNodes");
      NodeInfo node = node("n-1");
      assertThat(node.status()).isEqualTo("new");
      assertThat(node.reason()).isEqualTo("auth_failed");
      assertThat(node.hint()).isEqualTo(job.hint());
    }
  }

  @Test
  void theStepLogSaysWhyAndWhatToDo() throws Exception {
    try (SandboxNode sandbox = SandboxNode.start("r-2", "127.0.70.42", "root", PASSWORD)) {
      register("n-2", sandbox.host(), sandbox.port(), "wrong-" + PASSWORD);

      JobInfo job = collect("n-2");

      assertThat(logOf(job.jobId())).anySatisfy(line -> assertThat(line)
          .contains("[auth_failed] hint: n-2 refused the SSH login"));
    }
  }

  @Test
  void aRefusedPortMarksTheNodeUnreachableUntilItIsModified() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.70.43"))) {
      port = probe.getLocalPort();
    }
    register("n-3", "127.0.70.43", port, PASSWORD);

    JobInfo job = collect("n-3");

    assertThat(job.reason()).isEqualTo("connection_refused");
    assertThat(node("n-3").status()).isEqualTo("unreachable");
    try (SandboxNode sandbox = SandboxNode.start("r-3", "127.0.70.44", "root", PASSWORD)) {
      core.modifyNodes(new ModifyNodesRequest(List.of(new NodeModification("n-3",
          sandbox.host(), sandbox.port(), null, null, null, null, null))));
      assertThat(node("n-3").status()).isEqualTo("new");
      assertThat(node("n-3").reason()).isNull();

      assertThat(collect("n-3").status()).isEqualTo("successful");
      assertThat(node("n-3").status()).isEqualTo("ready");
    }
  }

  @Test
  void aSuccessfulRunClearsTheNodesLastFailure() throws Exception {
    try (SandboxNode sandbox = SandboxNode.start("r-5", "127.0.70.45", "root", PASSWORD)) {
      register("n-5", sandbox.host(), sandbox.port(), PASSWORD);
      sandbox.stop();
      assertThat(collect("n-5").reason()).isEqualTo("connection_refused");
    }
    try (SandboxNode again = SandboxNode.builder("r-5b").host("127.0.70.45")
        .port(node("n-5").sshPort()).user("root").password(PASSWORD).start()) {
      core.modifyNodes(new ModifyNodesRequest(List.of(new NodeModification("n-5", null, null,
          null, null, null, null, true))));
      assertThat(collect("n-5").status()).isEqualTo("successful");

      assertThat(node("n-5").reason()).isNull();
      assertThat(node("n-5").hint()).isNull();
    }
  }

  /** The lines of the job's only step (a collect job's log has no action of its own). */
  private List<String> logOf(String jobId) {
    return core.store().readLog(jobId, 0, 0, 1000).lines().stream().map(e -> e.text()).toList();
  }
}
