package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.api.model.NodeModification;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.exec.OutputListener;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModifyNodes through the core, against real in-process SSH nodes on 127.0.70.x. */
class ModifyNodesTest {
  private static final String PASSWORD = "node-pw-" + Long.toHexString(System.nanoTime());

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

  private void register(String id, SandboxNode node, String password) {
    core.addNodes(new AddNodesRequest(List.of(new NodeSpec(id, node.host(), node.port(),
        node.user(), password, null, Map.of()))));
  }

  private static NodeModification change(String id, String ip, Integer port, String password) {
    return new NodeModification(id, ip, port, null, password, null, null, null);
  }

  private List<String> modify(NodeModification... changes) {
    return core.modifyNodes(new ModifyNodesRequest(List.of(changes))).nodeIds();
  }

  private JobInfo collect(String id) throws InterruptedException {
    return NodeJobs.collect(core, id);
  }

  private NodeInfo describe(String id) {
    return NodeJobs.describe(core, id);
  }

  @Test
  void newCredentialsAreUsedByTheNextJob() throws Exception {
    try (SandboxNode node = SandboxNode.start("m-1", "127.0.70.1", "root", PASSWORD)) {
      register("n-1", node, "wrong-password");
      assertThat(collect("n-1").status()).isEqualTo("failed");

      assertThat(modify(change("n-1", null, null, PASSWORD))).containsExactly("n-1");

      assertThat(collect("n-1").status()).isEqualTo("successful");
      assertThat(describe("n-1").status()).isEqualTo("ready");
    }
  }

  @Test
  void aNewAddressReachesTheNewMachineAndForgetsTheOldPin() throws Exception {
    try (SandboxNode old = SandboxNode.start("m-2", "127.0.70.2", "root", PASSWORD);
        SandboxNode replacement = SandboxNode.start("m-3", "127.0.70.3", "root", PASSWORD)) {
      register("n-2", old, PASSWORD);
      assertThat(collect("n-2").status()).isEqualTo("successful");
      assertThat(Files.readString(data.resolve("known_hosts"))).contains("127.0.70.2");

      modify(change("n-2", replacement.host(), replacement.port(), null));

      assertThat(Files.readString(data.resolve("known_hosts"))).doesNotContain("127.0.70.2");
      assertThat(collect("n-2").status()).isEqualTo("successful");
      assertThat(describe("n-2").ip()).isEqualTo("127.0.70.3");
      assertThat(Files.readString(data.resolve("known_hosts"))).contains("127.0.70.3");
    }
  }

  @Test
  void resetHostKeyLetsAReinstalledNodeBeReachedAgain() throws Exception {
    SandboxNode before = SandboxNode.start("m-4", "127.0.70.4", "root", PASSWORD);
    int port = before.port();
    register("n-4", before, PASSWORD);
    assertThat(collect("n-4").status()).isEqualTo("successful");
    before.close();
    try (SandboxNode reinstalled = SandboxNode.builder("m-4b").host("127.0.70.4").port(port)
        .user("root").password(PASSWORD).start()) {
      JobInfo refused = collect("n-4");
      assertThat(refused.status()).isEqualTo("failed");
      assertThat(refused.error()).contains("host key");

      modify(new NodeModification("n-4", null, null, null, null, null, null, true));

      assertThat(collect("n-4").status()).isEqualTo("successful");
    }
  }

  @Test
  void anAddressWaitsForTheRunningJobButCredentialsDoNot() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    NodeExecutor blocking = new NodeExecutor() {
      @Override
      public CommandResult execute(NodeTarget node, String script, Duration timeout,
          OutputListener output, Cancellation cancellation) {
        CountDownLatch cancelled = new CountDownLatch(1);
        try (Cancellation.Registration r = cancellation.onCancel(cancelled::countDown)) {
          started.countDown();
          cancelled.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new CommandResult(Outcome.CANCELLED, CommandResult.NO_EXIT_CODE, Duration.ZERO,
            "cancelled");
      }

      @Override
      public void close() {}
    };
    core.close();
    core = QingStorCore.builder().dataDir(data).remoteExecutor(blocking).build();
    core.addNodes(new AddNodesRequest(List.of(
        new NodeSpec("n-12", "127.0.70.12", null, null, PASSWORD, null, null))));
    String jobId = core.collectNodes(new CollectNodesRequest(List.of("n-12")), "ops").jobId();
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

    QsApiException busy = catchThrowableOfType(QsApiException.class,
        () -> modify(change("n-12", "127.0.70.13", null, null)));
    modify(change("n-12", null, null, "new-" + PASSWORD));

    assertThat(busy.retCode()).isEqualTo(RetCode.RESOURCE_BUSY);
    assertThat(busy.getMessage()).contains(jobId);
    assertThat(describe("n-12").ip()).isEqualTo("127.0.70.12");
    core.cancelJob(new CancelJobRequest(jobId), "ops");
    assertThat(core.awaitIdle(Duration.ofSeconds(30))).isTrue();
    assertThat(modify(change("n-12", "127.0.70.13", null, null))).containsExactly("n-12");
  }

  @Test
  void varsAreReplacedAndOtherFieldsKept() {
    core.addNodes(new AddNodesRequest(List.of(new NodeSpec("n-5", "127.0.70.5", 2222, "ops",
        PASSWORD, null, Map.of("qs_root", "/opt/a", "zone", "z1")))));

    modify(new NodeModification("n-5", null, null, null, null, null,
        Map.of("qs_root", "/opt/b"), null));

    NodeInfo node = describe("n-5");
    assertThat(node.vars()).isEqualTo(Map.of("qs_root", "/opt/b"));
    assertThat(node.sshPort()).isEqualTo(2222);
    assertThat(node.sshUser()).isEqualTo("ops");
    assertThat(node.auth()).isEqualTo("password");
  }

  @Test
  void aNewKeyReplacesThePasswordAndLogsIn() throws Exception {
    KeyPair key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    ByteArrayOutputStream pem = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", null, pem);
    try (SandboxNode node = SandboxNode.builder("m-6").host("127.0.70.6").user("root")
        .password("only-the-key-works-" + PASSWORD).authorizedKey(key.getPublic()).start()) {
      register("n-6", node, PASSWORD);

      modify(new NodeModification("n-6", null, null, null, null,
          pem.toString(StandardCharsets.US_ASCII), null, null));

      assertThat(describe("n-6").auth()).isEqualTo("key");
      assertThat(Files.readString(data.resolve("nodes.json"))).doesNotContain(PASSWORD);
      JobInfo job = collect("n-6");
      assertThat(job.status()).as(job.error()).isEqualTo("successful");
    }
  }

  @Test
  void everyProblemIsReportedByFieldAndNothingChanges() {
    core.addNodes(new AddNodesRequest(List.of(
        new NodeSpec("n-7", "127.0.70.7", null, null, PASSWORD, null, null),
        new NodeSpec("n-8", "127.0.70.8", null, null, PASSWORD, null, null))));

    QsApiException e = catchThrowableOfType(QsApiException.class, () -> modify(
        change("n-7", null, 70000, null),
        new NodeModification("n-8", "127.0.70.7", null, "Bad User", "pw", "key", null, null)));

    assertThat(e.retCode()).isEqualTo(RetCode.INVALID_REQUEST);
    assertThat(e.errors()).extracting(FieldError::field).containsOnly(
        "nodes[0].ssh_port", "nodes[1].ssh_user", "nodes[1].ssh_key", "nodes[1].ip");
    assertThat(describe("n-7").sshPort()).isEqualTo(22);
    assertThat(describe("n-8").sshUser()).isEqualTo("root");
  }

  @Test
  void twoNodesMaySwapAddressesInOneRequest() {
    core.addNodes(new AddNodesRequest(List.of(
        new NodeSpec("n-10", "127.0.70.10", null, null, PASSWORD, null, null),
        new NodeSpec("n-11", "127.0.70.11", null, null, PASSWORD, null, null))));

    modify(change("n-10", "127.0.70.11", null, null), change("n-11", "127.0.70.10", null, null));

    assertThat(describe("n-10").ip()).isEqualTo("127.0.70.11");
    assertThat(describe("n-11").ip()).isEqualTo("127.0.70.10");
  }

  @Test
  void anUnknownNodeIsNotFoundAndAMissingIdIsInvalid() {
    assertThat(catchThrowableOfType(QsApiException.class,
        () -> modify(change("n-nope", null, null, "x"))).retCode())
        .isEqualTo(RetCode.RESOURCE_NOT_FOUND);
    assertThat(catchThrowableOfType(QsApiException.class,
        () -> modify(change(null, null, null, "x"))).errors())
        .extracting(FieldError::field).containsExactly("nodes[0].node_id");
    assertThat(catchThrowableOfType(QsApiException.class,
        () -> core.modifyNodes(new ModifyNodesRequest(List.of()))).errors())
        .extracting(FieldError::field).containsExactly("nodes");
  }
}
