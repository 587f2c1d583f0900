package io.qingstor.installer.core.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One started command as seen by {@link CommandSupervisor}: the part that differs per transport. */
interface RunningCommand {

  /** How a command ended: an exit code, a signal, or a lost connection. */
  record Ending(Integer exitCode, String signal, String lostDetail) {

    static Ending exited(int code) {
      return new Ending(code, null, null);
    }

    static Ending signalled(String signal) {
      return new Ending(null, signal, null);
    }

    static Ending lost(String detail) {
      return new Ending(null, null, detail);
    }
  }

  /** Completes when the command is over and all its output has been delivered. */
  CompletableFuture<Ending> ended();

  /** Completes with the process group id from the launcher's marker, or null if it never came. */
  CompletableFuture<Long> processGroup();

  /**
   * Runs {@code killScript} next to the command (on the same node) and waits for it.
   *
   * @throws IOException if the kill could not be run or did not finish within {@code bound}
   */
  void runKill(String killScript, Duration bound) throws IOException;

  /** Releases the command without waiting (closes the channel or destroys the process). */
  void abandon();

  /** Delivers buffered partial lines; called once the command has ended or been abandoned. */
  void flushOutput();
}
