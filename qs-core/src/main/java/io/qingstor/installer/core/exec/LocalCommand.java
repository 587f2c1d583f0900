package io.qingstor.installer.core.exec;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** A script running in a local {@code /bin/sh}, with its output pumped to line splitters. */
final class LocalCommand implements RunningCommand {

  private final Process process;
  private final PidMarker marker;
  private final LineSplitter stdout;
  private final LineSplitter stderr;
  private final CompletableFuture<Ending> ended;

  LocalCommand(Process process, ProcessGroupScript launcher, OutputListener listener, ExecutorService pumps) {
    this.process = process;
    this.marker = new PidMarker(launcher.markerPrefix(), listener);
    this.stdout = new LineSplitter(StreamKind.STDOUT, marker);
    this.stderr = new LineSplitter(StreamKind.STDERR, listener);
    CompletableFuture<Void> out = CompletableFuture.runAsync(() -> pump(process.getInputStream(), stdout), pumps);
    CompletableFuture<Void> err = CompletableFuture.runAsync(() -> pump(process.getErrorStream(), stderr), pumps);
    this.ended = CompletableFuture.allOf(out, err, process.onExit())
        .handle((ignored, failure) -> {
          marker.streamEnded();
          return Ending.exited(process.exitValue());
        });
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
    Process kill = new ProcessBuilder("/bin/sh", "-c", killScript)
        .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
    try {
      if (!kill.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS)) {
        kill.destroyForcibly();
        throw new IOException("kill did not finish within " + Durations.format(bound));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill.destroyForcibly();
      throw new IOException("interrupted while killing", e);
    }
  }

  @Override
  public void abandon() {
    destroyTree(process);
  }

  @Override
  public void flushOutput() {
    stdout.finish();
    stderr.finish();
    marker.streamEnded();
  }

  /** Forcibly destroys {@code process} and every descendant still attached to it. */
  static void destroyTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static void pump(InputStream in, LineSplitter sink) {
    byte[] chunk = new byte[8192];
    try (in) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        sink.write(chunk, 0, n);
      }
    } catch (IOException e) {
      // The process was destroyed; what was read so far has been delivered.
    }
    sink.finish();
  }
}
