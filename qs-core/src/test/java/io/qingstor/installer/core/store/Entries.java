package io.qingstor.installer.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

/** Deterministic log entries: line {@code i} of every test log is {@code entry(i)}. */
final class Entries {

  private static final Instant BASE = Instant.parse("2026-11-28T04:30:00Z");
  private static final String[] STREAMS = {LogEntry.STDOUT, LogEntry.STDERR, LogEntry.INFO, LogEntry.ERROR};

  private Entries() {
  }

  static LogEntry entry(long i) {
    String node = i % 11 == 0 ? null : "node-" + i % 7;
    String text = "line " + i + (i % 13 == 0 ? "\twith a tab\nand a newline \\ 中文" : "");
    return new LogEntry(BASE.plusMillis(i), node, STREAMS[(int) (i % STREAMS.length)], text);
  }

  /** Entries {@code from} (inclusive) to {@code to} (exclusive). */
  static List<LogEntry> entries(long from, long to) {
    return LongStream.range(from, to).mapToObj(Entries::entry).toList();
  }

  static void appendAll(StepLog log, long from, long to) throws IOException {
    for (long i = from; i < to; i++) {
      log.append(entry(i));
    }
  }

  /** The index file content of a cleanly written log of {@code lines} lines. */
  static byte[] cleanIndex(long lines) {
    ByteBuffer index = ByteBuffer.allocate((int) ((lines + LineIndex.STRIDE - 1) / LineIndex.STRIDE * Long.BYTES));
    long position = 0;
    for (long i = 0; i < lines; i++) {
      if (i % LineIndex.STRIDE == 0) {
        index.putLong(position);
      }
      position += LogLineCodec.encode(entry(i)).length;
    }
    return index.array();
  }

  /** The byte position at which line {@code line} starts. */
  static long positionOf(long line) {
    long position = 0;
    for (long i = 0; i < line; i++) {
      position += LogLineCodec.encode(entry(i)).length;
    }
    return position;
  }
}
