package io.qingstor.installer.core.reliability;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.exec.OutputListener;
import io.qingstor.installer.core.exec.StreamKind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A node executor for tests about the engine and its store rather than the nodes: every command
 * "runs" at once, prints one line and exits 0 (or 1, for the scripts a test makes fail), so a job
 * takes a few milliseconds.
 */
final class InstantExecutor implements NodeExecutor {
  private final AtomicInteger commands = new AtomicInteger();
  private volatile boolean closed;
  private volatile Predicate<String> failing = script -> false;

  @Override
  public CommandResult execute(NodeTarget node, String script, Duration timeout,
      OutputListener output, Cancellation cancellation) {
    commands.incrementAndGet();
    if (cancellation.isCancelled()) {
      return new CommandResult(Outcome.CANCELLED, CommandResult.NO_EXIT_CODE, Duration.ZERO,
          "cancelled before start");
    }
    if (failing.test(script)) {
      output.onLine(StreamKind.STDERR, "failed on " + node.nodeId());
      return new CommandResult(Outcome.FAILED, 1, Duration.ZERO, "exit code 1");
    }
    output.onLine(StreamKind.STDOUT, "ran on " + node.nodeId());
    return new CommandResult(Outcome.SUCCEEDED, 0, Duration.ZERO, "exit code 0");
  }

  /** Makes the scripts {@code which} matches exit 1 from now on. */
  void failWhen(Predicate<String> which) {
    this.failing = which;
  }

  /** How many commands it was asked to run. */
  int commands() {
    return commands.get();
  }

  /** Whether someone closed it (the core must not close executors it did not create). */
  boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
