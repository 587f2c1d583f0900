package io.qingstor.installer.core.store;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only per-step log file with a sparse line index, read by line offset with bounded
 * memory.
 *
 * <p>Each {@link LogEntry} is one text line,
 * {@code <time ISO-8601>\t<node, or - for none>\t<stream>\t<text>\n}, where the text has
 * {@code \}, TAB, LF and CR escaped as {@code \\}, {@code \t}, {@code \n}, {@code \r} and a line is
 * capped at 64 KiB (a longer text is cut and ends with {@code " ...[truncated N chars]"}). A line
 * is written with a single write and no fsync ({@link #sync} flushes, at step end), so it
 * survives {@code kill -9} once {@code append} returns. The sidecar {@code <log>.idx} holds the
 * byte position of every 1024th line as big-endian longs, so that {@link #read} seeks instead of
 * scanning. Both files are created mode 0600, missing parent directories 0700.
 *
 * <p>One appender per file at a time; any number of readers, in this or another process, may
 * read while it appends and never see a half-written line. After a crash, open an interrupted
 * step's log with {@link #openForAppend} (and close it) to repair it; {@link #read} copes with an
 * unrepaired log but does not change it.
 */
public final class StepLog implements Closeable {

  private static final Logger log = LoggerFactory.getLogger(StepLog.class);

  private final Path file;
  private final FileChannel channel;
  private final LineIndex index;
  private final FileOps ops;
  private long size;
  private long lines;
  private boolean indexing = true;
  private boolean unusable;

  private StepLog(Path file, FileChannel channel, LineIndex index, FileOps ops, long size, long lines) {
    this.file = file;
    this.channel = channel;
    this.index = index;
    this.ops = ops;
    this.size = size;
    this.lines = lines;
  }

  /**
   * Opens (creating if missing) the log at {@code file} for appending, after repairing it:
   * truncates an incomplete trailing line left by a crash and rebuilds or extends the index.
   *
   * @throws CorruptStateException if the log holds a line longer than any line this class writes
   * @throws IOException if the files cannot be created, read or repaired
   */
  public static StepLog openForAppend(Path file) throws IOException {
    return openForAppend(file, FileOps.real());
  }

  /** Like {@link #openForAppend(Path)}, with the writes going through {@code ops}. */
  static StepLog openForAppend(Path file, FileOps ops) throws IOException {
    Path path = requireNonNull(file, "file").toAbsolutePath().normalize();
    requireNonNull(ops, "ops");
    PrivateFiles.createDirectories(path.getParent(), ops);
    boolean created = Files.notExists(path);
    FileChannel channel = PrivateFiles.openOrCreate(path);
    LineIndex index = null;
    try {
      index = LineIndex.openForWriting(path, ops);
      if (created) {
        ops.forceDirectory(path.getParent());
      }
      long size = LogRepair.dropIncompleteLine(path, channel, ops);
      long lines = LogRepair.repairIndex(path, channel, size, index);
      return new StepLog(path, channel, index, ops, size, lines);
    } catch (IOException | RuntimeException e) {
      closeQuietly(index, e);
      closeQuietly(channel, e);
      throw e;
    }
  }

  /**
   * Appends {@code entry} as one line. Thread-safe.
   *
   * @throws IOException if the line cannot be written: the log is then left without it (or, if
   *     even that fails, refuses further appends until reopened)
   */
  public void append(LogEntry entry) throws IOException {
    byte[] line = LogLineCodec.encode(requireNonNull(entry, "entry"));
    synchronized (this) {
      if (unusable) {
        throw new IOException("Step log " + file + " may end with part of a line after a failed write; "
            + "reopen it with openForAppend to repair it");
      }
      long start = size;
      try {
        channel.position(start);
        ops.write(channel, ByteBuffer.wrap(line));
      } catch (IOException | RuntimeException e) {
        undoPartialWrite(start, e);
        throw e;
      }
      size += line.length;
      indexLine(lines++, start);
    }
  }

  /**
   * Forces the log and its index to the storage device; call at step end.
   *
   * @throws IOException if the flush fails
   */
  public synchronized void sync() throws IOException {
    ops.force(channel);
    index.force();
  }

  /** Returns the number of lines in the log. */
  public synchronized long lineCount() {
    return lines;
  }

  /**
   * Closes the files, without syncing (call {@link #sync} first for durability beyond a process
   * crash).
   *
   * @throws IOException if closing fails
   */
  @Override
  public synchronized void close() throws IOException {
    try {
      index.close();
    } finally {
      channel.close();
    }
  }

  /**
   * Reads up to {@code limit} lines starting at line {@code offset} (0-based). Works while
   * another thread or process appends; ignores an incomplete trailing line; a missing file reads
   * as an empty log. Memory and bytes read are bounded by the page, the index stride and the
   * line cap, not by the log size; a page holding more than 8 MiB of lines stops early (its
   * {@code nextOffset} says where to continue).
   *
   * @throws IllegalArgumentException if {@code offset} or {@code limit} is negative
   * @throws CorruptStateException if a line in the page is not one this class writes
   * @throws IOException if the files cannot be read
   */
  public static LogPage read(Path file, long offset, int limit) throws IOException {
    return LogPager.read(requireNonNull(file, "file"), offset, limit, bytes -> { });
  }

  @Override
  public String toString() {
    return "StepLog[" + file + "]";
  }

  private void indexLine(long line, long start) {
    if (!indexing || line % LineIndex.STRIDE != 0) {
      return;
    }
    try {
      index.append(line / LineIndex.STRIDE, start);
    } catch (IOException | RuntimeException e) {
      // The line itself is in the log; readers scan past the gap and the next open rebuilds it.
      indexing = false;
      log.warn("Cannot update the index of step log {}; reads of it get slower until it is reopened", file, e);
    }
  }

  private void undoPartialWrite(long start, Exception failure) {
    try {
      channel.truncate(start);
    } catch (IOException | RuntimeException e) {
      unusable = true;
      failure.addSuppressed(e);
    }
  }

  private static void closeQuietly(Closeable closeable, Exception failure) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
