package io.qingstor.installer.server.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads {@code /proc/<pid>/cmdline} of every process every few milliseconds while open, and
 * keeps each distinct command line it saw, so a test can grep the command lines of short-lived
 * processes (the step scripts' children) for secrets.
 */
final class CmdlineSampler implements AutoCloseable {
  private static final Path PROC = Path.of("/proc");

  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final AtomicInteger samples = new AtomicInteger();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "cmdline-sampler");
    thread.setDaemon(true);
    return thread;
  });

  CmdlineSampler(long everyMillis) {
    timer.scheduleWithFixedDelay(this::sample, 0, everyMillis, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path pid : pids) {
        try {
          byte[] raw = Files.readAllBytes(pid.resolve("cmdline"));
          if (raw.length > 0) {
            seen.add(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip());
          }
        } catch (IOException gone) {
          // The process ended between the listing and the read.
        }
      }
      samples.incrementAndGet();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
  }

  /** How many complete passes over /proc ran so far. */
  int samples() {
    return samples.get();
  }

  /** Every distinct command line seen so far (arguments joined by spaces). */
  List<String> commandLines() {
    return new ArrayList<>(seen);
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(10, TimeUnit.SECONDS);
  }
}
