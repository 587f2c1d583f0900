package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session pooling, idle expiry and lost connections, counted on the server side. */
class SshSessionReuseTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;

  private SandboxNode node;
  private SshExecutor executor;

  @BeforeEach
  void startNode() {
    node = SandboxNode.start("reuse-1", "127.0.0.31", "root", "reuse-password");
    executor = SshExecutors.forTests(dataDir.resolve("known_hosts"));
  }

  @AfterEach
  void stopNode() {
    executor.close();
    node.close();
  }

  private CommandResult run(String script) {
    return executor.execute(SandboxTargets.of(node), script, TIMEOUT, OutputListener.DISCARD, new Cancellation());
  }

  @Test
  void aSecondCommandReusesTheSession() {
    assertThat(run("true").succeeded()).isTrue();
    assertThat(run("true").succeeded()).isTrue();
    assertThat(run("true").succeeded()).isTrue();

    assertThat(node.sessionsOpened()).isEqualTo(1);
    assertThat(executor.openSessions()).isEqualTo(1);
  }

  @Test
  void concurrentCommandsOnOneNodeShareOneSession() {
    var results = java.util.stream.IntStream.range(0, 5)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> run("sleep 0.2; echo " + i)))
        .toList();

    assertThat(results).allSatisfy(r -> assertThat(r.join().succeeded()).isTrue());
    assertThat(node.sessionsOpened()).isEqualTo(1);
  }

  @Test
  void aDeadSessionIsReplacedOnce() {
    assertThat(run("true").succeeded()).isTrue();
    node.dropSessions();
    await().atMost(Duration.ofSeconds(5)).until(() -> node.activeSessions() == 0);

    CommandResult result = run("echo again");

    assertThat(result.succeeded()).isTrue();
    assertThat(node.sessionsOpened()).isEqualTo(2);
  }

  @Test
  void idleSessionsExpire() {
    try (SshExecutor shortLived = SshExecutor.builder().knownHostsFile(dataDir.resolve("known_hosts"))
        .idleSessionExpiry(Duration.ofMillis(300)).build()) {
      CommandResult result = shortLived.execute(SandboxTargets.of(node), "true", TIMEOUT, OutputListener.DISCARD,
          new Cancellation());
      assertThat(result.succeeded()).isTrue();

      await().atMost(Duration.ofSeconds(5)).until(() -> node.activeSessions() == 0);
      assertThat(shortLived.openSessions()).isZero();
    }
  }

  @Test
  void aNodeThatDiesMidCommandIsUnreachableNotFailed() throws InterruptedException {
    String marker = TestProcesses.uniqueSleepSeconds();
    CountDownLatch started = new CountDownLatch(1);
    OutputListener listener = (stream, line) -> started.countDown();
    CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> executor.execute(
        SandboxTargets.of(node), "echo started; sleep " + marker, TIMEOUT, listener, new Cancellation()));
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    node.stop();
    CommandResult result = running.join();

    assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.detail()).startsWith("connection lost to " + node.host() + ":" + node.port());
    assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 0);
  }

  @Test
  void aNodeThatStopsAnsweringIsUnreachableWithinAFewHeartbeats() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    OutputListener listener = (stream, line) -> started.countDown();
    try (FreezableProxy proxy = new FreezableProxy("127.0.0.32", node.host(), node.port());
        SshExecutor watchful = SshExecutor.builder().knownHostsFile(dataDir.resolve("known_hosts"))
            .heartbeatInterval(Duration.ofMillis(300)).build()) {
      NodeTarget viaProxy = NodeTarget.withPassword("reuse-1", proxy.host(), proxy.port(), "root", "reuse-password");
      CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> watchful.execute(
          viaProxy, "echo started; sleep 60", TIMEOUT, listener, new Cancellation()));
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

      proxy.freeze();
      CommandResult result = running.join();

      assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
      assertThat(result.detail()).startsWith("connection lost to " + viaProxy.address());
      assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aStoppedNodeIsUnreachableForTheNextCommand() {
    assertThat(run("true").succeeded()).isTrue();
    node.stop();

    CommandResult result = run("true");

    assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
    assertThat(result.detail()).startsWith("cannot connect to " + node.host() + ":" + node.port() + ": ");
  }

  @Test
  void closingTheExecutorEndsRunningCommands() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    OutputListener listener = (stream, line) -> started.countDown();
    CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> executor.execute(
        SandboxTargets.of(node), "echo started; sleep 30", TIMEOUT, listener, new Cancellation()));
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    executor.close();

    assertThat(running.join().outcome()).isEqualTo(Outcome.UNREACHABLE);
  }
}
