package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real commands over real SSH against an in-process sandbox node: the
 * {@link NodeExecutorContract} and what only SSH has (connecting, authentication, the remote
 * process group).
 */
class SshExecutorTest extends NodeExecutorContract {
  private static final String PASSWORD = "Sandbox-Pa55word!";

  @TempDir
  static Path dataDir;

  private static SandboxNode node;
  private static SshExecutor executor;

  @BeforeAll
  static void startNode() {
    node = SandboxNode.start("exec-1", "127.0.0.21", "root", PASSWORD);
    executor = SshExecutors.forTests(dataDir.resolve("known_hosts"));
  }

  @AfterAll
  static void stopNode() {
    executor.close();
    node.close();
  }

  @Override
  NodeExecutor executor() {
    return executor;
  }

  @Override
  NodeTarget target() {
    return SandboxTargets.of(node);
  }

  @Override
  NodeTarget unsuitableTarget() {
    return NodeTarget.local("x");
  }

  @Override
  NodeExecutor newExecutor() {
    return SshExecutors.forTests(dataDir.resolve("known_hosts-closed"));
  }

  @Test
  void theScriptRunsInTheNodeRoot() {
    run("pwd; echo \"$QS_SANDBOX_ROOT\"", TIMEOUT, new Cancellation());

    assertThat(output.of(StreamKind.STDOUT)).containsExactly(node.root().toString(), node.root().toString());
  }

  @Test
  void aProcessIgnoringTermIsKilledAfterTheGracePeriod() {
    String marker = TestProcesses.uniqueSleepSeconds();
    CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> run(
        "trap '' TERM; sh -c 'trap \"\" TERM; sleep " + marker + "'", Duration.ofSeconds(1), new Cancellation()));
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 1);

    assertThat(running.join().outcome()).isEqualTo(Outcome.TIMED_OUT);
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 0);
  }

  @Test
  void aWrongPasswordIsUnreachableWithAClearDetailAndNoSecret() {
    String wrong = "Wr0ng-Secret-Pa55";
    NodeTarget target = NodeTarget.withPassword("exec-1", node.host(), node.port(), "root", wrong);

    CommandResult result = executor.execute(target, "echo ran", TIMEOUT, output, new Cancellation());

    assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
    assertThat(result.detail())
        .startsWith("cannot connect to " + node.host() + ":" + node.port() + ": authentication as root with password failed")
        .doesNotContain(wrong)
        .doesNotContain(PASSWORD);
    assertThat(target.toString()).doesNotContain(wrong);
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.22"))) {
      port = socket.getLocalPort();
    }
    NodeTarget target = NodeTarget.withPassword("gone", "127.0.0.22", port, "root", PASSWORD);

    CommandResult result = executor.execute(target, "true", TIMEOUT, output, new Cancellation());

    assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
    assertThat(result.detail()).startsWith("cannot connect to 127.0.0.22:" + port + ": ");
  }

  @Test
  void aServerThatNeverSpeaksSshTimesOutAsUnreachable() throws Exception {
    try (SilentServer silent = new SilentServer("127.0.0.23");
        SshExecutor quick = SshExecutor.builder().knownHostsFile(dataDir.resolve("kh-silent"))
            .authTimeout(Duration.ofMillis(500)).build()) {
      CommandResult result = quick.execute(silent.target(), "true", TIMEOUT, output, new Cancellation());

      assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
      assertThat(result.detail()).isEqualTo("cannot connect to " + silent.address()
          + ": no SSH handshake and authentication within 500ms");
    }
  }

  @Test
  void cancellingWhileConnectingReturnsPromptly() throws Exception {
    try (SilentServer silent = new SilentServer("127.0.0.23")) {
      Cancellation cancellation = new Cancellation();
      CompletableFuture.runAsync(() -> cancellation.cancel("operator"),
          CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));

      CommandResult result = executor.execute(silent.target(), "true", TIMEOUT, output, cancellation);

      assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
      assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
    }
  }

}
