package io.qingstor.installer.core.reliability;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.OutputListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the commands it passes on to a real executor, which it does not close. */
final class CountingExecutor implements NodeExecutor {
  private final NodeExecutor real;
  private final AtomicInteger commands = new AtomicInteger();

  CountingExecutor(NodeExecutor real) {
    this.real = real;
  }

  @Override
  public CommandResult execute(NodeTarget node, String script, Duration timeout,
      OutputListener output, Cancellation cancellation) {
    commands.incrementAndGet();
    return real.execute(node, script, timeout, output, cancellation);
  }

  int commands() {
    return commands.get();
  }

  @Override
  public void close() {
  }
}
