package io.qingstor.installer.testing.sandbox;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH exec request run for real: {@code /bin/sh -c <command>} as the current OS user, in
 * the node's root directory, with the channel's stdin, stdout and stderr wired to the process.
 *
 * <p>The exit status is sent only after all output was forwarded. Closing the channel (or
 * stopping the node) forcibly kills the process and its descendants.
 */
final class ProcessCommand implements Command {

  private final String command;
  private final Path root;
  private final Map<String, String> environment;
  private final ExecutorService pumps;
  private final Set<Process> live;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exitCallback;
  private volatile Process process;

  ProcessCommand(String command, Path root, Map<String, String> environment, ExecutorService pumps,
      Set<Process> live) {
    this.command = requireNonNull(command, "command");
    this.root = requireNonNull(root, "root");
    this.environment = Map.copyOf(environment);
    this.pumps = requireNonNull(pumps, "pumps");
    this.live = requireNonNull(live, "live");
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exitCallback = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(root.toFile());
    builder.environment().putAll(environment);
    Process started = builder.start();
    process = started;
    live.add(started);
    CompletableFuture.runAsync(() -> feedStdin(in, started.getOutputStream()), pumps);
    CompletableFuture<Void> stdout = CompletableFuture.runAsync(() -> forward(started.getInputStream(), out), pumps);
    CompletableFuture<Void> stderr = CompletableFuture.runAsync(() -> forward(started.getErrorStream(), err), pumps);
    CompletableFuture.allOf(stdout, stderr, started.onExit()).whenComplete((ignored, failure) -> {
      live.remove(started);
      exitCallback.onExit(started.exitValue());
    });
  }

  @Override
  public void destroy(ChannelSession channel) {
    Process running = process;
    if (running != null) {
      killTree(running);
    }
    closeQuietly(in);
  }

  /** Forcibly kills {@code process} and every descendant still attached to it. */
  static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Copies the channel's stdin to the process, closing the process's stdin at its end. */
  private static void feedStdin(InputStream channelIn, OutputStream processIn) {
    try (processIn) {
      copy(channelIn, processIn);
    } catch (IOException e) {
      // The process stopped reading or the channel closed; the exit callback reports the rest.
    }
  }

  /**
   * Forwards process output to the channel. The channel stream stays open: closing it would
   * send EOF while the other stream may still have data.
   */
  private static void forward(InputStream processOut, OutputStream channelOut) {
    try (processOut) {
      copy(processOut, channelOut);
    } catch (IOException e) {
      // The channel or the process went away; the exit callback reports the rest.
    }
  }

  /** Copies until end of input, flushing each chunk so that output streams live. */
  private static void copy(InputStream from, OutputStream to) throws IOException {
    byte[] chunk = new byte[8192];
    for (int n = from.read(chunk); n >= 0; n = from.read(chunk)) {
      to.write(chunk, 0, n);
      to.flush();
    }
  }

  private static void closeQuietly(InputStream stream) {
    try {
      if (stream != null) {
        stream.close();
      }
    } catch (IOException e) {
      // Nothing more to release.
    }
  }
}
