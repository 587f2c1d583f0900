package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a started command, enforcing its timeout and cancellation, and turns its ending
 * into a {@link CommandResult}.
 *
 * <p>On timeout or cancellation it kills the command's process group (TERM, then KILL after
 * the grace period), waits a bounded time for the command to end, and otherwise abandons it.
 */
final class CommandSupervisor {

  /** How long to wait for the command to end once its process group was killed. */
  private static final Duration AFTER_KILL = Duration.ofSeconds(5);

  private final Duration killGrace;
  private final Duration afterKill;

  CommandSupervisor(Duration killGrace) {
    this(killGrace, AFTER_KILL);
  }

  CommandSupervisor(Duration killGrace, Duration afterKill) {
    this.killGrace = requireNonNull(killGrace, "killGrace");
    this.afterKill = requireNonNull(afterKill, "afterKill");
  }

  /** Supervises {@code command} until it ends, times out or is cancelled. Never throws. */
  CommandResult supervise(RunningCommand command, Duration timeout, Cancellation cancellation,
      long startNanos, String where) {
    return supervise(command, timeout, cancellation, startNanos, where, null);
  }

  /**
   * As {@link #supervise(RunningCommand, Duration, Cancellation, long, String)}, and stops the
   * command as for a timeout when {@code cap} (if any) is exceeded; it then fails with the cap's
   * reason.
   */
  CommandResult supervise(RunningCommand command, Duration timeout, Cancellation cancellation,
      long startNanos, String where, OutputCap cap) {
    CompletableFuture<Void> cancelled = new CompletableFuture<>();
    if (cap != null) {
      cap.exceeded().thenRun(() -> cancelled.complete(null));
    }
    boolean interrupted = false;
    RunningCommand.Ending ending = null;
    Cancellation.Registration registration = cancellation.onCancel(() -> cancelled.complete(null));
    try {
      ending = awaitEnding(command, cancelled, timeout);
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      registration.close();
    }
    boolean overflowed = cap != null && cap.exceeded().isDone();
    if (ending != null && !overflowed) {
      command.flushOutput();
      return result(ending, Durations.since(startNanos));
    }
    if (overflowed) {
      String stopped = ending != null ? "it had ended" : stop(command, where);
      command.flushOutput();
      return new CommandResult(Outcome.FAILED, CommandResult.NO_EXIT_CODE,
          Durations.since(startNanos), cap.reason() + " (" + stopped + ")");
    }
    Outcome outcome = interrupted || cancellation.isCancelled() ? Outcome.CANCELLED : Outcome.TIMED_OUT;
    String why = outcome == Outcome.TIMED_OUT
        ? "timed out after " + Durations.format(timeout)
        : "cancelled: " + (interrupted ? "thread interrupted" : cancellation.reason());
    String stopped = stop(command, where);
    command.flushOutput();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return CommandResult.of(outcome, Durations.since(startNanos), why + "; " + stopped);
  }

  private static RunningCommand.Ending awaitEnding(RunningCommand command,
      CompletableFuture<Void> cancelled, Duration timeout) throws InterruptedException {
    try {
      CompletableFuture.anyOf(command.ended(), cancelled).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // Falls through: a command that ended at the very last moment still counts as ended.
    } catch (ExecutionException e) {
      throw new IllegalStateException("command ending failed", e.getCause());
    }
    return command.ended().getNow(null);
  }

  /** Kills the command's process group and returns what happened, for the result detail. */
  private String stop(RunningCommand command, String where) {
    boolean interrupted = Thread.interrupted(); // stopping must finish even when interrupted
    try {
      Long pid = awaitQuietly(command.processGroup(), killGrace);
      if (pid == null) {
        command.abandon();
        return "process id on " + where + " unknown; channel closed";
      }
      try {
        command.runKill(ProcessGroupScript.killScript(pid, killGrace), killGrace.plus(afterKill));
      } catch (IOException e) {
        command.abandon();
        return "could not kill process group " + pid + " on " + where + ": " + e.getMessage();
      }
      if (awaitQuietly(command.ended(), afterKill) == null) {
        command.abandon();
        return "process group " + pid + " on " + where + " killed; channel closed";
      }
      return "process group " + pid + " on " + where + " killed";
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static <T> T awaitQuietly(CompletableFuture<T> future, Duration bound) {
    try {
      return future.get(bound.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return future.getNow(null);
    } catch (ExecutionException | TimeoutException e) {
      return future.getNow(null);
    }
  }

  private static CommandResult result(RunningCommand.Ending ending, Duration elapsed) {
    if (ending.exitCode() != null) {
      return CommandResult.exited(ending.exitCode(), elapsed);
    }
    if (ending.signal() != null) {
      return new CommandResult(Outcome.FAILED, CommandResult.NO_EXIT_CODE, elapsed,
          "killed by signal " + ending.signal());
    }
    return CommandResult.of(Outcome.UNREACHABLE, elapsed, ending.lostDetail());
  }
}
