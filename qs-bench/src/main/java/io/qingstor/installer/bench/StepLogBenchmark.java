package io.qingstor.installer.bench;

import io.qingstor.installer.core.store.LogEntry;
import io.qingstor.installer.core.store.LogPage;
import io.qingstor.installer.core.store.StepLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a 1,000-line page deep into a 1,000,000-line step log ({@link StepLog#read} at offset
 * 999,000) against reading its first page, in a JVM limited to a 64 MiB heap: the page must cost
 * the same wherever it is and never load the log.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx64m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StepLogBenchmark {

  /** Lines in the log. */
  public static final int LINES = 1_000_000;
  /** Lines in a page. */
  public static final int PAGE = 1_000;

  private Path directory;
  private Path log;

  /** Writes the log: 1,000,000 lines of deploy-like output from 50 nodes. */
  @Setup
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("qs-bench-steplog");
    log = directory.resolve("step0.log");
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    try (StepLog writer = StepLog.openForAppend(log)) {
      for (int i = 0; i < LINES; i++) {
        writer.append(new LogEntry(start.plusMillis(i), "node-" + (i % 50 + 1), LogEntry.STDOUT,
            "brick " + i + ": created /opt/qingstor/bricks/vol0/brick" + (i % 2) + " on /dev/sdb (xfs, 8.0 TiB)"));
      }
      writer.sync();
    }
    check(StepLog.read(log, LINES - PAGE, PAGE), LINES - PAGE);
    check(StepLog.read(log, 0, PAGE), 0);
  }

  /** Deletes the log. */
  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** The page at offset 999,000: the figure with the < 10 ms target. */
  @Benchmark
  public LogPage readLastPage() throws IOException {
    return StepLog.read(log, LINES - PAGE, PAGE);
  }

  /** Baseline: the first page. */
  @Benchmark
  public LogPage readFirstPage() throws IOException {
    return StepLog.read(log, 0, PAGE);
  }

  private static void check(LogPage page, long offset) {
    if (page.lines().size() != PAGE || page.totalLines() != LINES || page.nextOffset() != offset + PAGE
        || !page.lines().get(0).text().startsWith("brick " + offset + ":")) {
      throw new IllegalStateException("unexpected page at " + offset + ": " + page.lines().size() + " lines, next "
          + page.nextOffset() + ", total " + page.totalLines());
    }
  }
}
