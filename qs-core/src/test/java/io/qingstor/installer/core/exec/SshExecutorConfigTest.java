package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Builder validation, known_hosts problems and secrets in logs. */
class SshExecutorConfigTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;

  @Test
  void theKnownHostsFileIsRequired() {
    assertThatThrownBy(() -> SshExecutor.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("knownHostsFile");
  }

  @Test
  void buildersRejectNonPositiveDurationsAtOnce() {
    SshExecutor.Builder builder = SshExecutor.builder();
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO)).hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> builder.authTimeout(Duration.ofSeconds(-1))).hasMessageContaining("authTimeout");
    assertThatThrownBy(() -> builder.idleSessionExpiry(Duration.ZERO)).hasMessageContaining("idleSessionExpiry");
    assertThatThrownBy(() -> builder.killGrace(Duration.ZERO)).hasMessageContaining("killGrace");
    assertThatThrownBy(() -> builder.heartbeatInterval(Duration.ofMillis(-1))).hasMessageContaining("heartbeat");
  }

  @Test
  void theBuilderSettingsAreReadBack() {
    try (SshExecutor executor = SshExecutor.builder().knownHostsFile(dataDir.resolve("kh"))
        .connectTimeout(Duration.ofSeconds(3)).authTimeout(Duration.ofSeconds(4))
        .idleSessionExpiry(Duration.ofMinutes(1)).killGrace(Duration.ofSeconds(2))
        .heartbeatInterval(Duration.ZERO).build()) {
      assertThat(executor.knownHostsFile()).isEqualTo(dataDir.resolve("kh"));
      assertThat(executor.connectTimeout()).hasSeconds(3);
      assertThat(executor.authTimeout()).hasSeconds(4);
      assertThat(executor.idleSessionExpiry()).hasMinutes(1);
      assertThat(executor.killGrace()).hasSeconds(2);
      assertThat(executor.heartbeatInterval()).isZero();
    }
  }

  @Test
  void anUnusableKnownHostsFileRefusesToConnect() throws Exception {
    Path notAFile = Files.createDirectory(dataDir.resolve("known_hosts"));
    try (SandboxNode node = SandboxNode.start("cfg-1", "127.0.0.91", "root", "pw");
        SshExecutor executor = SshExecutors.forTests(notAFile)) {
      CommandResult result = executor.execute(SandboxTargets.of(node), "true", TIMEOUT, OutputListener.DISCARD,
          new Cancellation());

      assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
      assertThat(result.detail()).contains("cannot use known hosts file " + notAFile);
    }
  }

  @Test
  void noLogLineCarriesAPassword() {
    String right = "Right-Pa55-" + System.nanoTime();
    String wrong = "Wrong-Pa55-" + System.nanoTime();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Level level = root.getLevel();
    root.setLevel(Level.DEBUG);
    root.addAppender(appender);
    try (SandboxNode node = SandboxNode.start("cfg-2", "127.0.0.92", "root", right);
        SshExecutor executor = SshExecutors.forTests(dataDir.resolve("known_hosts"))) {
      NodeTarget bad = NodeTarget.withPassword("cfg-2", node.host(), node.port(), "root", wrong);
      executor.execute(SandboxTargets.of(node), "echo fine", TIMEOUT, OutputListener.DISCARD, new Cancellation());
      executor.execute(bad, "echo never", TIMEOUT, OutputListener.DISCARD, new Cancellation());
    } finally {
      root.detachAppender(appender);
      root.setLevel(level);
    }

    assertThat(appender.list).isNotEmpty().allSatisfy(event -> {
      String text = event.getFormattedMessage()
          + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(text).doesNotContain(right).doesNotContain(wrong);
    });
  }
}
