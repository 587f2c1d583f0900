package io.qingstor.installer.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Reads a page of a step log by line offset, touching only the bytes between the nearest
 * trusted index checkpoints and the page, plus the tail after the last checkpoint (to count the
 * lines). The log's size at the start is the snapshot: anything appended later, and an
 * incomplete last line, is not part of the page.
 */
final class LogPager {

  /** A page stops early once its lines hold this many bytes, so a page's memory is bounded. */
  static final long MAX_PAGE_BYTES = 8L << 20;

  private LogPager() {
  }

  /**
   * Reads up to {@code limit} lines from line {@code offset}, reporting each batch of log bytes
   * read to {@code meter}.
   */
  static LogPage read(Path file, long offset, int limit, LongConsumer meter) throws IOException {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must be >= 0: " + offset + ", " + limit);
    }
    FileChannel log;
    try {
      log = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return new LogPage(List.of(), 0, 0);
    }
    try (log; LineIndex index = LineIndex.openForReading(file)) {
      long end = log.size();
      long total = countLines(file, log, index, end, meter);
      if (offset >= total) {
        return new LogPage(List.of(), total, total);
      }
      LineScanner scanner = seek(file, log, index, end, offset);
      List<LogEntry> lines = readLines(file, scanner, offset, Math.min(limit, total - offset));
      meter.accept(scanner.bytesRead());
      return new LogPage(lines, offset + lines.size(), total);
    }
  }

  /** Counts the complete lines in the first {@code end} bytes, scanning from the last checkpoint. */
  private static long countLines(Path file, FileChannel log, LineIndex index, long end, LongConsumer meter)
      throws IOException {
    LineIndex.Checkpoint last = index.nearest(Long.MAX_VALUE, log, end);
    LineScanner scanner = new LineScanner(file, log, last.position(), end);
    long total = last.line();
    while (scanner.skipLine()) {
      total++;
    }
    meter.accept(scanner.bytesRead());
    return total;
  }

  /** Returns a scanner positioned at line {@code offset}, which exists. */
  private static LineScanner seek(Path file, FileChannel log, LineIndex index, long end, long offset)
      throws IOException {
    LineIndex.Checkpoint from = index.nearest(offset, log, end);
    LineScanner scanner = new LineScanner(file, log, from.position(), end);
    for (long line = from.line(); line < offset; line++) {
      scanner.skipLine();
    }
    return scanner;
  }

  private static List<LogEntry> readLines(Path file, LineScanner scanner, long offset, long count)
      throws IOException {
    List<LogEntry> lines = new ArrayList<>((int) Math.min(count, 1024));
    long bytes = 0;
    while (lines.size() < count && bytes < MAX_PAGE_BYTES) {
      byte[] raw = scanner.nextLine();
      if (raw == null) {
        break; // not reached: the counter saw these lines complete
      }
      lines.add(decode(file, raw, offset + lines.size()));
      bytes += raw.length;
    }
    return lines;
  }

  private static LogEntry decode(Path file, byte[] raw, long line) {
    try {
      return LogLineCodec.decode(raw, 0, raw.length);
    } catch (IllegalArgumentException e) {
      throw new CorruptStateException(file, "line " + line + " is malformed (" + e.getMessage()
          + "); it was changed outside the installer: move the file aside "
          + "(this step's log then reads as empty)", e);
    }
  }
}
