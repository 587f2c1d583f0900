package io.qingstor.installer.core.exec;

import java.io.IOException;
import java.time.Duration;

/**
 * Runs a shell script on one node.
 *
 * <p>Implementations are thread-safe: one instance serves many concurrent calls. A node
 * problem never throws; it is reported in the {@link CommandResult}.
 */
public interface NodeExecutor extends AutoCloseable {

  /**
   * Runs {@code script} with {@code /bin/sh} on {@code node} and waits for it to end.
   *
   * <p>The script is fed on standard input (never on a command line), read in full before it
   * runs, and runs with standard input from {@code /dev/null}. Each output line goes to
   * {@code output} as it arrives. When {@code timeout} elapses or {@code cancellation} fires,
   * the script's whole process group is killed (TERM, then KILL after a grace period).
   *
   * @param node where and as whom to run
   * @param script the POSIX shell script
   * @param timeout how long the script may run (connecting has its own bounds)
   * @param output receives the output lines
   * @param cancellation stops the command when cancelled
   * @return how the command ended
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code timeout} is not positive or {@code node} does not
   *     suit this executor
   * @throws IllegalStateException if the executor is closed
   */
  CommandResult execute(NodeTarget node, String script, Duration timeout, OutputListener output,
      Cancellation cancellation);

  /**
   * Opens the files of {@code node} for one step: SFTP on the node's SSH session, or the local
   * file system. Executors that cannot transfer files (an embedder's own, say) keep this default,
   * and steps that upload or fetch fail on their nodes saying so.
   *
   * @throws IOException if the node cannot be reached or refuses the file channel
   * @throws IllegalStateException if the executor is closed
   */
  default NodeFiles openFiles(NodeTarget node, Cancellation cancellation) throws IOException {
    throw new IOException(getClass().getSimpleName() + " cannot transfer files");
  }

  /** Releases connections and threads; commands still running are abandoned. */
  @Override
  void close();
}
