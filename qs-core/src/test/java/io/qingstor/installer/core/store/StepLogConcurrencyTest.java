package io.qingstor.installer.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers tailing a log while it is appended to, as a client tails a running step. */
class StepLogConcurrencyTest {

  private static final int LINES = 20_000;
  private static final int BATCH = 1_000;
  private static final int READERS = 2;
  private static final Instant BASE = Instant.parse("2026-11-28T04:30:00Z");

  @TempDir
  Path tmp;

  /** Line {@code i}; every 97th is long (spanning pages), so some writes straddle what a reader sees. */
  private static LogEntry line(long i) {
    String text = i % 97 == 0 ? i + ":" + "z\n".repeat(9_000) : i + ": short\tline";
    return new LogEntry(BASE.plusMillis(i), "node-" + i % 5, LogEntry.STDOUT, text);
  }

  @Test
  void readersNeverSeeAHalfWrittenLineWhileTheLogGrows() throws Exception {
    Path file = tmp.resolve("step2.log");
    AtomicBoolean appending = new AtomicBoolean(true);
    AtomicLong reads = new AtomicLong();
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
    try (StepLog log = StepLog.openForAppend(file)) {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        long seed = r;
        readers.add(pool.submit(() -> tail(file, seed, appending, reads, problems)));
      }
      // The appender waits for fresh reads between batches so the readers see many sizes.
      Future<?> appender = pool.submit(() -> appendInBatches(log, reads, problems));
      appender.get(60, TimeUnit.SECONDS);
      appending.set(false);
      for (Future<?> reader : readers) {
        reader.get(60, TimeUnit.SECONDS);
      }
      assertThat(log.lineCount()).isEqualTo(LINES);
    } finally {
      pool.shutdownNow();
    }

    assertThat(problems).isEmpty();
    assertThat(reads.get()).isGreaterThanOrEqualTo(LINES / BATCH);
    LogPage all = StepLog.read(file, LINES - 10, 100);
    assertThat(all.totalLines()).isEqualTo(LINES);
    assertThat(all.lines()).hasSize(10);
  }

  @Test
  void concurrentAppendsEachLandAsOneWholeLine() throws Exception {
    Path file = tmp.resolve("step3.log");
    int threads = 4;
    int perThread = 1_500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (StepLog log = StepLog.openForAppend(file)) {
      List<Future<?>> appenders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long first = (long) t * perThread;
        appenders.add(pool.submit(() -> {
          for (long i = first; i < first + perThread; i++) {
            log.append(line(i));
          }
          return null;
        }));
      }
      for (Future<?> appender : appenders) {
        appender.get(60, TimeUnit.SECONDS);
      }
      assertThat(log.lineCount()).isEqualTo((long) threads * perThread);
    } finally {
      pool.shutdownNow();
    }

    LogPage page = StepLog.read(file, 0, threads * perThread);
    List<LogEntry> byTime = page.lines().stream().sorted(Comparator.comparing(LogEntry::time)).toList();
    assertThat(byTime).isEqualTo(
        LongStream.range(0, (long) threads * perThread).mapToObj(StepLogConcurrencyTest::line).toList());
    byte[] index = Files.readAllBytes(LineIndex.sidecar(file));
    Files.delete(LineIndex.sidecar(file));
    StepLog.openForAppend(file).close();
    assertThat(Files.readAllBytes(LineIndex.sidecar(file))).isEqualTo(index);
  }

  private static Void appendInBatches(StepLog log, AtomicLong reads, Queue<String> problems) throws IOException {
    for (long i = 0; i < LINES; i++) {
      log.append(line(i));
      if ((i + 1) % BATCH == 0) {
        long seen = reads.get();
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(30))
            .until(() -> reads.get() > seen || !problems.isEmpty());
      }
    }
    return null;
  }

  /** Reads random pages until appending stops, checking each line against what was appended. */
  private static Void tail(Path file, long seed, AtomicBoolean appending, AtomicLong reads, Queue<String> problems) {
    Random random = new Random(seed);
    long lastTotal = 0;
    while (appending.get() && problems.isEmpty()) {
      try {
        long offset = random.nextBoolean() ? lastTotal : (long) (random.nextDouble() * (lastTotal + 1));
        LogPage page = StepLog.read(file, offset, 200);
        if (page.totalLines() < lastTotal) {
          problems.add("total went back from " + lastTotal + " to " + page.totalLines());
        }
        lastTotal = page.totalLines();
        for (int k = 0; k < page.lines().size(); k++) {
          if (!page.lines().get(k).equals(line(offset + k))) {
            problems.add("line " + (offset + k) + " read as " + page.lines().get(k));
          }
        }
      } catch (IOException | RuntimeException e) {
        problems.add(e.toString());
      }
      reads.incrementAndGet();
    }
    return null;
  }
}
