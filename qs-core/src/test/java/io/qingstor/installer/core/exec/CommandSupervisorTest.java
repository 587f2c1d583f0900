package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The stop paths that real nodes rarely take, driven through a scripted command. */
class CommandSupervisorTest {

  private final CommandSupervisor supervisor = new CommandSupervisor(Duration.ofMillis(100), Duration.ofMillis(100));

  /** A command whose behaviour each test scripts. */
  private static final class ScriptedCommand implements RunningCommand {
    final CompletableFuture<Ending> ended = new CompletableFuture<>();
    final CompletableFuture<Long> pid = new CompletableFuture<>();
    final List<String> calls = new ArrayList<>();
    IOException killFailure;
    boolean endsWhenKilled = true;

    @Override
    public CompletableFuture<Ending> ended() {
      return ended;
    }

    @Override
    public CompletableFuture<Long> processGroup() {
      return pid;
    }

    @Override
    public void runKill(String killScript, Duration bound) throws IOException {
      calls.add("kill");
      if (killFailure != null) {
        throw killFailure;
      }
      if (endsWhenKilled) {
        ended.complete(Ending.exited(143));
      }
    }

    @Override
    public void abandon() {
      calls.add("abandon");
    }

    @Override
    public void flushOutput() {
      calls.add("flush");
    }
  }

  private CommandResult timeOut(ScriptedCommand command) {
    return supervisor.supervise(command, Duration.ofMillis(50), new Cancellation(), System.nanoTime(), "n:22");
  }

  @Test
  void anUnknownProcessGroupIsAbandoned() {
    ScriptedCommand command = new ScriptedCommand();
    command.pid.complete(null);

    CommandResult result = timeOut(command);

    assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(result.detail()).isEqualTo("timed out after 50ms; process id on n:22 unknown; channel closed");
    assertThat(command.calls).containsExactly("abandon", "flush");
  }

  @Test
  void aFailedKillIsReportedAndTheCommandAbandoned() {
    ScriptedCommand command = new ScriptedCommand();
    command.pid.complete(4242L);
    command.killFailure = new IOException("session closed");

    CommandResult result = timeOut(command);

    assertThat(result.detail()).endsWith("could not kill process group 4242 on n:22: session closed");
    assertThat(command.calls).containsExactly("kill", "abandon", "flush");
  }

  @Test
  void aCommandThatOutlivesItsKillIsAbandoned() {
    ScriptedCommand command = new ScriptedCommand();
    command.pid.complete(4242L);
    command.endsWhenKilled = false;

    CommandResult result = timeOut(command);

    assertThat(result.detail()).endsWith("process group 4242 on n:22 killed; channel closed");
    assertThat(command.calls).containsExactly("kill", "abandon", "flush");
  }

  @Test
  void aSignalledCommandFails() {
    ScriptedCommand command = new ScriptedCommand();
    command.ended.complete(RunningCommand.Ending.signalled("KILL"));

    CommandResult result = timeOut(command);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.detail()).isEqualTo("killed by signal KILL");
  }

  @Test
  void anInterruptedWaitCancelsKillsAndKeepsTheInterrupt() {
    ScriptedCommand command = new ScriptedCommand();
    command.pid.complete(4242L);
    Thread.currentThread().interrupt();

    CommandResult result = supervisor.supervise(command, Duration.ofSeconds(10), new Cancellation(),
        System.nanoTime(), "n:22");

    assertThat(Thread.interrupted()).isTrue();
    assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(result.detail()).startsWith("cancelled: thread interrupted").endsWith("killed");
  }
}
