package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs scripts on this machine with {@code /bin/sh}, as the current OS user.
 *
 * <p>Behaves like {@link SshExecutor}: the script goes to the shell's stdin, runs in its own
 * process group, and the group is killed on timeout or cancellation. Targets must carry no SSH
 * credentials. Two I/O threads per running command read its output; they come from a pool
 * that {@link #close()} shuts down.
 */
public final class LocalExecutor implements NodeExecutor {

  private static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);
  private static final String WHERE = "the local machine";

  private final CommandSupervisor supervisor;
  private final long maxOutputBytes;
  private final ExecutorService pumps;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Creates an executor with a 5 second grace period between TERM and KILL. */
  public LocalExecutor() {
    this(DEFAULT_KILL_GRACE);
  }

  /**
   * Creates an executor that waits {@code killGrace} between TERM and KILL.
   *
   * @throws IllegalArgumentException if {@code killGrace} is not positive
   */
  public LocalExecutor(Duration killGrace) {
    this(killGrace, OutputCap.DEFAULT_MAX_BYTES);
  }

  /**
   * Creates an executor that waits {@code killGrace} between TERM and KILL and stops a command
   * (which then fails) once it printed {@code maxOutputBytes}, its output cut with one marker line.
   *
   * @throws IllegalArgumentException if {@code killGrace} or {@code maxOutputBytes} is not positive
   */
  public LocalExecutor(Duration killGrace, long maxOutputBytes) {
    if (maxOutputBytes < 1) {
      throw new IllegalArgumentException("maxOutputBytes must be positive, was " + maxOutputBytes);
    }
    this.maxOutputBytes = maxOutputBytes;
    this.supervisor = new CommandSupervisor(Durations.requirePositive(killGrace, "killGrace"));
    this.pumps = Executors.newCachedThreadPool(DaemonThreads.named("qs-local-io-"));
  }

  @Override
  public CommandResult execute(NodeTarget node, String script, Duration timeout, OutputListener output,
      Cancellation cancellation) {
    long start = System.nanoTime();
    checkArguments(node, script, timeout, output, cancellation);
    if (cancellation.isCancelled()) {
      return CommandResult.of(Outcome.CANCELLED, Durations.since(start),
          "cancelled before start: " + cancellation.reason());
    }
    ProcessGroupScript launcher = new ProcessGroupScript();
    Process process;
    try {
      process = new ProcessBuilder("/bin/sh", "-c", launcher.launcher()).start();
    } catch (IOException e) {
      return CommandResult.of(Outcome.UNREACHABLE, Durations.since(start),
          "cannot start /bin/sh on " + WHERE + ": " + e.getMessage());
    }
    running.add(process);
    try {
      OutputCap cap = new OutputCap(new SafeListener(output, node.nodeId()), maxOutputBytes);
      LocalCommand command = new LocalCommand(process, launcher, cap, pumps);
      feed(process, script);
      return supervisor.supervise(command, timeout, cancellation, start, WHERE, cap);
    } finally {
      running.remove(process);
    }
  }

  private void checkArguments(NodeTarget node, String script, Duration timeout, OutputListener output,
      Cancellation cancellation) {
    requireNonNull(node, "node");
    requireNonNull(script, "script");
    requireNonNull(output, "output");
    requireNonNull(cancellation, "cancellation");
    Durations.requirePositive(timeout, "timeout");
    if (node.hasCredentials()) {
      throw new IllegalArgumentException("node " + node.nodeId() + " has SSH credentials; use SshExecutor");
    }
    if (closed.get()) {
      throw new IllegalStateException("LocalExecutor is closed");
    }
  }

  /** This machine's files, through java.nio. */
  @Override
  public NodeFiles openFiles(NodeTarget node, Cancellation cancellation) {
    requireNonNull(node, "node");
    if (closed.get()) {
      throw new IllegalStateException("LocalExecutor is closed");
    }
    return new LocalNodeFiles();
  }

  /** Writes the script to the shell; a shell that exits early reports through its ending. */
  private static void feed(Process process, String script) {
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(ProcessGroupScript.stdin(script));
    } catch (IOException e) {
      // Broken pipe: the shell is gone, and its exit status says why.
    }
  }

  /** Kills every running command's processes and stops the I/O threads. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      running.forEach(LocalCommand::destroyTree);
      pumps.shutdownNow();
    }
  }
}
