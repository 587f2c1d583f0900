package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.core.sandbox.SandboxNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real commands over real SSH against an in-process sandbox node. */
class SshExecutorTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String PASSWORD = "Sandbox-Pa55word!";

  @TempDir
  static Path dataDir;

  private static SandboxNode node;
  private static SshExecutor executor;

  private final RecordingListener output = new RecordingListener();

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

  private CommandResult run(String script, Duration timeout, Cancellation cancellation) {
    return executor.execute(node.target(), script, timeout, output, cancellation);
  }

  @Test
  void deliversStdoutAndStderrLinesAndSucceeds() {
    CommandResult result = run("echo out1; echo err1 >&2; echo 'ünï 中文'", TIMEOUT, new Cancellation());

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.exitCode()).isZero();
    assertThat(output.of(StreamKind.STDOUT)).containsExactly("out1", "ünï 中文");
    assertThat(output.of(StreamKind.STDERR)).containsExactly("err1");
  }

  @Test
  void aNonZeroExitFailsWithItsCode() {
    CommandResult result = run("echo before; exit 7", TIMEOUT, new Cancellation());

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(output.of(StreamKind.STDOUT)).containsExactly("before");
  }

  @Test
  void aTrailingPartialLineIsDeliveredAtTheEnd() {
    run("echo whole; printf 'partial'", TIMEOUT, new Cancellation());

    assertThat(output.of(StreamKind.STDOUT)).containsExactly("whole", "partial");
  }

  @Test
  void theScriptRunsInTheNodeRoot() {
    run("pwd; echo \"$QS_SANDBOX_ROOT\"", TIMEOUT, new Cancellation());

    assertThat(output.of(StreamKind.STDOUT)).containsExactly(node.root().toString(), node.root().toString());
  }

  @Test
  void commandsReadingStdinDoNotSwallowTheScript() {
    CommandResult result = run("cat\necho after", TIMEOUT, new Cancellation());

    assertThat(result.succeeded()).isTrue();
    assertThat(output.of(StreamKind.STDOUT)).containsExactly("after");
  }

  @Test
  void theScriptNeverAppearsOnACommandLine() {
    String secretToken = "token-" + TestProcesses.uniqueSleepSeconds();
    String marker = TestProcesses.uniqueSleepSeconds();
    Cancellation cancellation = new Cancellation();
    CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(
        () -> run("# " + secretToken + "\nsleep " + marker, TIMEOUT, cancellation));
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 1);

    assertThat(TestProcesses.withCommandLineContaining(secretToken)).isZero();
    cancellation.cancel("done looking");
    assertThat(running.join().outcome()).isEqualTo(Outcome.CANCELLED);
  }

  @Test
  void outputArrivesLiveAndCancellingFromTheListenerKillsTheRemoteProcesses() {
    String marker = TestProcesses.uniqueSleepSeconds();
    Cancellation cancellation = new Cancellation();
    OutputListener cancelOnFirstLine = (stream, line) -> {
      output.onLine(stream, line);
      if (line.equals("first")) {
        cancellation.cancel("seen enough");
      }
    };
    CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> executor.execute(
        node.target(), "sleep " + marker + " &\nsleep 0.2; echo first; sleep " + marker, TIMEOUT,
        cancelOnFirstLine, cancellation));

    CommandResult result = running.join();

    assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(result.detail()).startsWith("cancelled: seen enough").contains("killed");
    assertThat(output.of(StreamKind.STDOUT)).containsExactly("first");
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 0);
  }

  @Test
  void aTimeoutKillsTheRemoteProcessGroup() {
    String marker = TestProcesses.uniqueSleepSeconds();
    CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(
        () -> run("sleep " + marker + " & sleep " + marker, Duration.ofSeconds(2), new Cancellation()));
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 2);

    CommandResult result = running.join();

    assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.detail()).startsWith("timed out after 2s").contains("process group", "killed");
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 0);
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
  void aCommandCancelledBeforeItStartsDoesNotConnect() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel("job cancelled");

    CommandResult result = run("echo ran", TIMEOUT, cancellation);

    assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(output.lines()).isEmpty();
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

  @Test
  void aTargetWithoutCredentialsIsRejected() {
    assertThatThrownBy(() -> executor.execute(NodeTarget.local("x"), "true", TIMEOUT, output, new Cancellation()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheCommand() {
    CountDownLatch calls = new CountDownLatch(2);
    OutputListener failing = (stream, line) -> {
      calls.countDown();
      throw new IllegalStateException("listener bug");
    };

    CommandResult result = executor.execute(node.target(), "echo a; echo b", TIMEOUT, failing, new Cancellation());

    assertThat(result.succeeded()).isTrue();
    assertThat(calls.getCount()).isZero();
  }
}
