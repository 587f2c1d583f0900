package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A {@link NodeExecutor} created by its first command. Starting an SSH client (MINA's classes,
 * key providers, I/O threads) is a quarter of a server's start; behind this it is paid by the
 * first job that runs a command on a node, not by every start. Closing it before any command
 * creates nothing. Thread-safe: concurrent first commands create one executor.
 */
public final class LazyNodeExecutor implements NodeExecutor {
  private final Supplier<? extends NodeExecutor> factory;
  private NodeExecutor delegate; // guarded by this
  private boolean closed; // guarded by this

  /**
   * Creates an executor that calls {@code factory} once, on the first command.
   *
   * @throws NullPointerException if {@code factory} is null
   */
  public LazyNodeExecutor(Supplier<? extends NodeExecutor> factory) {
    this.factory = requireNonNull(factory, "factory");
  }

  /**
   * Runs the command on the executor, creating it first if needed; see {@link NodeExecutor}.
   *
   * @throws IllegalStateException if this executor is closed
   */
  @Override
  public CommandResult execute(NodeTarget node, String script, Duration timeout, OutputListener output,
      Cancellation cancellation) {
    return delegate().execute(node, script, timeout, output, cancellation);
  }

  /** Opens the node's files on the executor, creating it first if needed. */
  @Override
  public NodeFiles openFiles(NodeTarget node, Cancellation cancellation) throws IOException {
    return delegate().openFiles(node, cancellation);
  }

  private synchronized NodeExecutor delegate() {
    if (closed) {
      throw new IllegalStateException("the executor is closed");
    }
    if (delegate == null) {
      delegate = requireNonNull(factory.get(), "the factory returned null");
    }
    return delegate;
  }

  /** Closes the executor if one was created; later commands throw. */
  @Override
  public void close() {
    NodeExecutor created;
    synchronized (this) {
      closed = true;
      created = delegate;
    }
    if (created != null) {
      created.close();
    }
  }
}
