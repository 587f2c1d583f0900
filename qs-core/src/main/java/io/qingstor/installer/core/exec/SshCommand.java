package io.qingstor.installer.core.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** A script running on an exec channel of a pooled session. */
final class SshCommand implements RunningCommand {

  private final ClientSession session;
  private final String where;
  private final PidMarker marker;
  private final LineSplitter stdout;
  private final LineSplitter stderr;
  private final ChannelExec channel;
  private final CompletableFuture<Ending> ended = new CompletableFuture<>();

  private SshCommand(ClientSession session, String where, ProcessGroupScript launcher, OutputListener listener)
      throws IOException {
    this.session = session;
    this.where = where;
    this.marker = new PidMarker(launcher.markerPrefix(), listener);
    this.stdout = new LineSplitter(StreamKind.STDOUT, marker);
    this.stderr = new LineSplitter(StreamKind.STDERR, listener);
    this.channel = session.createExecChannel(ProcessGroupScript.forLoginShell(launcher.launcher()));
    channel.setOut(stdout);
    channel.setErr(stderr);
    channel.addCloseFutureListener(closed -> ended.complete(ending()));
  }

  /**
   * Opens an exec channel on {@code session} and feeds it {@code script}.
   *
   * @throws IOException if the channel cannot be opened or the script not sent
   */
  static SshCommand start(ClientSession session, String where, String script, OutputListener listener,
      Duration openTimeout) throws IOException {
    SshCommand command = new SshCommand(session, where, new ProcessGroupScript(), listener);
    try {
      command.channel.open().verify(openTimeout);
      try (OutputStream stdin = command.channel.getInvertedIn()) {
        stdin.write(ProcessGroupScript.stdin(script));
      }
      return command;
    } catch (IOException | RuntimeException e) {
      command.channel.close(true);
      throw e;
    }
  }

  private Ending ending() {
    Integer status = channel.getExitStatus();
    if (status != null) {
      return Ending.exited(status);
    }
    String signal = channel.getExitSignal();
    if (signal != null) {
      return Ending.signalled(signal);
    }
    return Ending.lost("connection lost to " + where + " while the command ran"
        + (session.isOpen() ? " (channel closed without exit status)" : ""));
  }

  @Override
  public CompletableFuture<Ending> ended() {
    return ended;
  }

  @Override
  public CompletableFuture<Long> processGroup() {
    return marker.pid();
  }

  @Override
  public void runKill(String killScript, Duration bound) throws IOException {
    ChannelExec kill = session.createExecChannel(ProcessGroupScript.forLoginShell(killScript));
    kill.setOut(OutputStream.nullOutputStream());
    kill.setErr(OutputStream.nullOutputStream());
    try {
      kill.open().verify(bound);
      kill.getInvertedIn().close();
      Set<ClientChannelEvent> events = kill.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), bound);
      if (!events.contains(ClientChannelEvent.CLOSED)) {
        throw new IOException("kill did not finish within " + Durations.format(bound));
      }
    } finally {
      kill.close(true);
    }
  }

  @Override
  public void abandon() {
    channel.close(true);
  }

  @Override
  public void flushOutput() {
    stdout.finish();
    stderr.finish();
    marker.streamEnded();
  }
}
