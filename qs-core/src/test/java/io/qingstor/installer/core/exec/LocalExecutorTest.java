package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LocalExecutorTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final NodeTarget LOCAL = NodeTarget.local("firstbox");
  private static final LocalExecutor EXECUTOR = new LocalExecutor(Duration.ofSeconds(1));

  @AfterAll
  static void closeExecutor() {
    EXECUTOR.close();
  }

  private final RecordingListener output = new RecordingListener();

  private CommandResult run(String script, Duration timeout, Cancellation cancellation) {
    return EXECUTOR.execute(LOCAL, script, timeout, output, cancellation);
  }

  @Test
  void deliversStdoutAndStderrLinesAndSucceeds() {
    CommandResult result = run("echo out1; echo err1 >&2; echo out2", TIMEOUT, new Cancellation());

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.exitCode()).isZero();
    assertThat(output.of(StreamKind.STDOUT)).containsExactly("out1", "out2");
    assertThat(output.of(StreamKind.STDERR)).containsExactly("err1");
  }

  @Test
  void aNonZeroExitFailsWithItsCode() {
    CommandResult result = run("echo partial; exit 3", TIMEOUT, new Cancellation());

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.detail()).isEqualTo("exit code 3");
  }

  @Test
  void aTrailingPartialLineIsDelivered() {
    run("printf 'no newline'", TIMEOUT, new Cancellation());

    assertThat(output.of(StreamKind.STDOUT)).containsExactly("no newline");
  }

  @Test
  void commandsReadingStdinDoNotSwallowTheScript() {
    CommandResult result = run("cat\nread line || echo eof\necho after", TIMEOUT, new Cancellation());

    assertThat(result.succeeded()).isTrue();
    assertThat(output.of(StreamKind.STDOUT)).containsExactly("eof", "after");
  }

  @Test
  void aTimeoutKillsTheWholeProcessGroup() {
    String marker = TestProcesses.uniqueSleepSeconds();
    CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(
        () -> run("sleep " + marker + " & sleep " + marker, Duration.ofSeconds(2), new Cancellation()));
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 2);

    CommandResult result = running.join();

    assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.detail()).startsWith("timed out after 2s").contains("killed");
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 0);
  }

  @Test
  void cancellationKillsTheWholeProcessGroup() {
    String marker = TestProcesses.uniqueSleepSeconds();
    Cancellation cancellation = new Cancellation();
    CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(
        () -> run("sleep " + marker + " & sleep " + marker, TIMEOUT, cancellation));
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 2);

    cancellation.cancel("operator stopped job 12");
    CommandResult result = running.join();

    assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(result.detail()).startsWith("cancelled: operator stopped job 12");
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 0);
  }

  @Test
  void interruptingTheCallerCancelsAndKillsTheCommand() throws Exception {
    String marker = TestProcesses.uniqueSleepSeconds();
    CompletableFuture<CommandResult> result = new CompletableFuture<>();
    Thread caller = new Thread(() -> result.complete(run("sleep " + marker, TIMEOUT, new Cancellation())));
    caller.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 1);

    caller.interrupt();

    assertThat(result.get(10, java.util.concurrent.TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.CANCELLED);
    await().atMost(Duration.ofSeconds(5)).until(() -> TestProcesses.withArgument(marker) == 0);
  }

  @Test
  void aCommandCancelledBeforeItStartsDoesNotRun() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel("too late");

    CommandResult result = run("echo ran", TIMEOUT, cancellation);

    assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(result.detail()).contains("too late");
    assertThat(output.lines()).isEmpty();
  }

  @Test
  void aTargetWithSshCredentialsIsRejected() {
    NodeTarget remote = NodeTarget.withPassword("n1", "127.0.0.1", 22, "root", "pw");

    assertThatThrownBy(() -> EXECUTOR.execute(remote, "true", TIMEOUT, output, new Cancellation()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNonPositiveTimeoutIsRejected() {
    assertThatThrownBy(() -> run("true", Duration.ZERO, new Cancellation()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
  }

  @Test
  void aClosedExecutorRefusesCommands() {
    LocalExecutor executor = new LocalExecutor();
    executor.close();

    assertThatThrownBy(() -> executor.execute(LOCAL, "true", TIMEOUT, output, new Cancellation()))
        .isInstanceOf(IllegalStateException.class);
  }
}
