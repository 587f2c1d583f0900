package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NodeExecutor} promises, as one set of cases each implementation's test
 * class inherits: output line by line, exit codes, stdin, timeouts and cancellation killing the
 * whole process group, arguments checked, a closed executor refusing work. The nodes are on
 * this machine, so a test can see whether a process is really gone.
 */
abstract class NodeExecutorContract {
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  final RecordingListener output = new RecordingListener();

  /** The executor under test, shared by the class's tests. */
  abstract NodeExecutor executor();

  /** A node the executor runs commands on. */
  abstract NodeTarget target();

  /** A node this executor cannot serve (an SSH node for a local executor, and vice versa). */
  abstract NodeTarget unsuitableTarget();

  /** A new executor of the same kind, which the test closes. */
  abstract NodeExecutor newExecutor();

  CommandResult run(String script, Duration timeout, Cancellation cancellation) {
    return executor().execute(target(), script, timeout, output, cancellation);
  }

  @Test
  void deliversStdoutAndStderrLinesAndSucceeds() {
    CommandResult result =
        run("echo out1; echo err1 >&2; echo 'ünï 中文'", TIMEOUT, new Cancellation());

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
  void commandsReadingStdinSeeEndOfFileNotTheScript() {
    CommandResult result =
        run("cat\nread line || echo eof\necho after", TIMEOUT, new Cancellation());

    assertThat(result.succeeded()).isTrue();
    assertThat(output.of(StreamKind.STDOUT)).containsExactly("eof", "after");
  }

  @Test
  void theScriptNeverAppearsOnACommandLine() {
    String secretToken = "token-" + TestProcesses.uniqueSleepSeconds();
    String marker = TestProcesses.uniqueSleepSeconds();
    Cancellation cancellation = new Cancellation();
    CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(
        () -> run("# " + secretToken + "\nsleep " + marker, TIMEOUT, cancellation));
    await().atMost(Duration.ofSeconds(10)).until(() -> TestProcesses.withArgument(marker) == 1);

    assertThat(TestProcesses.withCommandLineContaining(secretToken)).isZero();
    cancellation.cancel("done looking");
    assertThat(running.join().outcome()).isEqualTo(Outcome.CANCELLED);
  }

  @Test
  void aTimeoutKillsTheWholeProcessGroup() {
    String marker = TestProcesses.uniqueSleepSeconds();
    CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() ->
        run("sleep " + marker + " & sleep " + marker, Duration.ofSeconds(2), new Cancellation()));
    await().atMost(Duration.ofSeconds(10)).until(() -> TestProcesses.withArgument(marker) == 2);

    CommandResult result = running.join();

    assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(result.exitCode()).isEqualTo(CommandResult.NO_EXIT_CODE);
    assertThat(result.detail()).startsWith("timed out after 2s").contains("killed");
    await().atMost(Duration.ofSeconds(10)).until(() -> TestProcesses.withArgument(marker) == 0);
  }

  @Test
  void cancellingFromTheListenerKillsTheWholeProcessGroup() {
    String marker = TestProcesses.uniqueSleepSeconds();
    Cancellation cancellation = new Cancellation();
    OutputListener cancelOnFirstLine = (stream, line) -> {
      output.onLine(stream, line);
      if (line.equals("first")) {
        cancellation.cancel("seen enough");
      }
    };

    CommandResult result = executor().execute(target(),
        "sleep " + marker + " &\necho first; sleep " + marker, TIMEOUT, cancelOnFirstLine,
        cancellation);

    assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(result.detail()).startsWith("cancelled: seen enough");
    assertThat(output.of(StreamKind.STDOUT)).containsExactly("first");
    await().atMost(Duration.ofSeconds(10)).until(() -> TestProcesses.withArgument(marker) == 0);
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
  void aListenerThatThrowsDoesNotBreakTheCommand() {
    CountDownLatch calls = new CountDownLatch(2);
    OutputListener failing = (stream, line) -> {
      calls.countDown();
      throw new IllegalStateException("listener bug");
    };

    CommandResult result = executor().execute(target(), "echo a; echo b", TIMEOUT, failing,
        new Cancellation());

    assertThat(result.succeeded()).isTrue();
    assertThat(calls.getCount()).isZero();
  }

  @Test
  void aTargetThatDoesNotSuitTheExecutorIsRejected() {
    assertThatThrownBy(() -> executor().execute(unsuitableTarget(), "true", TIMEOUT, output,
        new Cancellation())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNonPositiveTimeoutIsRejected() {
    assertThatThrownBy(() -> run("true", Duration.ZERO, new Cancellation()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
  }

  @Test
  void aNullArgumentIsRejected() {
    assertThatThrownBy(() -> run(null, TIMEOUT, new Cancellation()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> run("true", TIMEOUT, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aClosedExecutorRefusesCommands() {
    NodeExecutor closed = newExecutor();
    closed.close();

    assertThatThrownBy(() -> closed.execute(target(), "true", TIMEOUT, output, new Cancellation()))
        .isInstanceOf(IllegalStateException.class);
  }
}
