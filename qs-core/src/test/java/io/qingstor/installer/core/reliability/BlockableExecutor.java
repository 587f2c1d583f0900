package io.qingstor.installer.core.reliability;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.exec.OutputListener;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Passes commands to a real executor (which it does not close) until {@link #block()}: from then
 * on a command waits, without running, until it is cancelled, as the commands of a frozen
 * process would.
 */
final class BlockableExecutor implements NodeExecutor {
  private final NodeExecutor real;
  private volatile boolean blocking;

  BlockableExecutor(NodeExecutor real) {
    this.real = real;
  }

  void block() {
    blocking = true;
  }

  @Override
  public CommandResult execute(NodeTarget node, String script, Duration timeout,
      OutputListener output, Cancellation cancellation) {
    if (!blocking) {
      return real.execute(node, script, timeout, output, cancellation);
    }
    CountDownLatch cancelled = new CountDownLatch(1);
    try (Cancellation.Registration r = cancellation.onCancel(cancelled::countDown)) {
      cancelled.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new CommandResult(Outcome.CANCELLED, CommandResult.NO_EXIT_CODE, Duration.ZERO,
        "blocked, then cancelled: " + cancellation.reason());
  }

  @Override
  public void close() {
  }
}
