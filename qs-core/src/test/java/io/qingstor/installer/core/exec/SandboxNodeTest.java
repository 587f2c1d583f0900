package io.qingstor.installer.core.exec;

import io.qingstor.installer.testing.sandbox.SandboxNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxNodeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;

  private SshExecutor executor;

  @BeforeEach
  void createExecutor() {
    executor = SshExecutor.builder().knownHostsFile(dataDir.resolve("known_hosts")).build();
  }

  @AfterEach
  void closeExecutor() {
    executor.close();
  }

  private CommandResult run(SandboxNode node, String script) {
    return executor.execute(SandboxTargets.of(node), script, TIMEOUT, OutputListener.DISCARD, new Cancellation());
  }

  @Test
  void bindsTheGivenLoopbackAddressOnAFreePort() throws Exception {
    try (SandboxNode node = SandboxNode.start("sb-1", "127.0.0.71", "root", "pw");
        Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(node.host(), node.port()), 2000);

      assertThat(node.port()).isPositive();
      assertThat(socket.isConnected()).isTrue();
    }
  }

  @Test
  void runsRealCommandsInItsOwnRoot() throws Exception {
    try (SandboxNode node = SandboxNode.start("sb-2", "127.0.0.72", "root", "pw")) {
      CommandResult result = run(node, "mkdir -p etc && echo \"$QS_SANDBOX_NODE_ID\" > \"$QS_SANDBOX_ROOT/etc/id\"");

      assertThat(result.succeeded()).isTrue();
      assertThat(Files.readString(node.root().resolve("etc/id"))).isEqualTo("sb-2\n");
    }
  }

  @Test
  void closeDeletesATempRootButKeepsAGivenOne() {
    SandboxNode temp = SandboxNode.start("sb-3", "127.0.0.73", "root", "pw");
    Path tempRoot = temp.root();
    temp.close();
    Path given = dataDir.resolve("given-root");
    SandboxNode kept = SandboxNode.builder("sb-4").host("127.0.0.73").password("pw").root(given).start();
    kept.close();

    assertThat(tempRoot).doesNotExist();
    assertThat(given).isDirectory();
  }

  @Test
  void stopKillsRunningCommandsAndRefusesConnections() {
    SandboxNode node = SandboxNode.start("sb-5", "127.0.0.74", "root", "pw");
    String marker = TestProcesses.uniqueSleepSeconds();
    CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> run(node, "sleep " + marker));
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 1);

    node.stop();

    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 0);
    assertThat(running.join().outcome().name()).isEqualTo("UNREACHABLE");
    assertThat(node.isRunning()).isFalse();
    assertThat(node.root()).isDirectory();
    assertThatThrownBy(() -> new Socket(node.host(), node.port()).close()).isInstanceOf(java.io.IOException.class);
    node.close();
  }

  @Test
  void countsSessionsAndCanDropThem() {
    try (SandboxNode node = SandboxNode.start("sb-6", "127.0.0.75", "root", "pw")) {
      run(node, "true");
      assertThat(node.sessionsOpened()).isEqualTo(1);
      assertThat(node.activeSessions()).isEqualTo(1);

      node.dropSessions();

      await().atMost(Duration.ofSeconds(5)).until(() -> node.activeSessions() == 0);
    }
  }

  @Test
  void refusesANonLoopbackAddress() {
    assertThatThrownBy(() -> SandboxNode.builder("sb-7").host("192.0.2.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
  }

  @Test
  void needsAPasswordOrAKey() {
    assertThatThrownBy(() -> SandboxNode.builder("sb-8").start()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void failsClearlyWhenThePortIsTaken() {
    try (SandboxNode first = SandboxNode.start("sb-9", "127.0.0.76", "root", "pw")) {
      assertThatThrownBy(() -> SandboxNode.builder("sb-10").host("127.0.0.76").port(first.port()).password("pw")
          .start())
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("127.0.0.76:" + first.port());
    }
  }

  @Test
  void toStringShowsNoPassword() {
    try (SandboxNode node = SandboxNode.start("sb-11", "127.0.0.77", "root", "S3cret-Sandbox")) {
      assertThat(node.toString()).contains("sb-11").doesNotContain("S3cret-Sandbox");
      assertThat(SandboxTargets.of(node).toString()).doesNotContain("S3cret-Sandbox");
    }
  }
}
