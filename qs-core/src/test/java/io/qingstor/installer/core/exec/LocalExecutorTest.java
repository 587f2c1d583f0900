package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The local executor: the {@link NodeExecutorContract} on this machine, and its own cases. */
class LocalExecutorTest extends NodeExecutorContract {
  private static final LocalExecutor EXECUTOR = new LocalExecutor(Duration.ofSeconds(1));

  @AfterAll
  static void closeExecutor() {
    EXECUTOR.close();
  }

  @Override
  NodeExecutor executor() {
    return EXECUTOR;
  }

  @Override
  NodeTarget target() {
    return NodeTarget.local("firstbox");
  }

  @Override
  NodeTarget unsuitableTarget() {
    return NodeTarget.withPassword("n1", "127.0.0.1", 22, "root", "pw");
  }

  @Override
  NodeExecutor newExecutor() {
    return new LocalExecutor();
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

}
