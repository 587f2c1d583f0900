package io.qingstor.installer.core.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The sparse line index of a step log: the sidecar {@code <log>.idx} holds, as fixed-width
 * big-endian longs, the byte position of every {@value #STRIDE}-th line (entry {@code i} is the
 * position of line {@code i * STRIDE}, so entry 0 is 0).
 *
 * <p>The appender writes an entry after its line, so the index may lag the log by an entry; after
 * a power loss it may also run ahead of a log that lost its tail. An entry is therefore only
 * trusted after a plausibility check against the log ({@link #checkpoint}), and readers scan
 * forward from the last trusted entry.
 */
final class LineIndex implements Closeable {

  /** Lines between two index entries. */
  static final int STRIDE = 1024;

  /** A trusted position: line number {@code line} starts at byte {@code position}. */
  record Checkpoint(long line, long position) {
    static final Checkpoint START = new Checkpoint(0, 0);
  }

  private final FileChannel channel; // null for a missing index opened for reading
  private final FileOps ops;
  private long entries;

  private LineIndex(FileChannel channel, FileOps ops) throws IOException {
    this.channel = channel;
    this.ops = ops;
    this.entries = channel == null ? 0 : channel.size() / Long.BYTES;
  }

  /** Returns the index file of {@code log}. */
  static Path sidecar(Path log) {
    return log.resolveSibling(log.getFileName() + ".idx");
  }

  /** Opens the index of {@code log} read-only; a missing index opens as empty. */
  static LineIndex openForReading(Path log) throws IOException {
    try {
      return new LineIndex(FileChannel.open(sidecar(log), StandardOpenOption.READ), null);
    } catch (NoSuchFileException e) {
      return new LineIndex(null, null);
    }
  }

  /** Opens the index of {@code log} for updating, creating it mode 0600 if missing. */
  static LineIndex openForWriting(Path log, FileOps ops) throws IOException {
    return new LineIndex(PrivateFiles.openOrCreate(sidecar(log)), ops);
  }

  /** Returns the number of whole entries (a torn trailing entry does not count). */
  long entries() {
    return entries;
  }

  /**
   * Returns the highest trusted checkpoint at or before {@code line} in a log whose first
   * {@code logEnd} bytes are being read, or {@link Checkpoint#START}.
   */
  Checkpoint nearest(long line, FileChannel log, long logEnd) throws IOException {
    for (long i = Math.min(line / STRIDE, entries - 1); i > 0; i--) {
      long position = checkpoint(i, log, logEnd);
      if (position >= 0) {
        return new Checkpoint(i * STRIDE, position);
      }
    }
    return Checkpoint.START;
  }

  /**
   * Returns entry {@code i}'s position if it is plausible (after the previous entry, inside
   * the first {@code logEnd} bytes and right after an LF), otherwise -1.
   */
  long checkpoint(long i, FileChannel log, long logEnd) throws IOException {
    long position = entry(i);
    if (i == 0) {
      return position == 0 && logEnd > 0 ? 0 : -1;
    }
    if (position <= 0 || position >= logEnd || entry(i - 1) >= position) {
      return -1;
    }
    ByteBuffer previous = ByteBuffer.allocate(1);
    return log.read(previous, position - 1) == 1 && previous.get(0) == '\n' ? position : -1;
  }

  /** Writes entry {@code i}, which must be the next one, as {@code position}. */
  void append(long i, long position) throws IOException {
    if (i != entries) {
      throw new IllegalStateException("index entry " + i + " written out of order; have " + entries);
    }
    channel.position(i * Long.BYTES);
    ops.write(channel, ByteBuffer.allocate(Long.BYTES).putLong(0, position));
    entries++;
  }

  /** Drops every entry from {@code keep} on, and any torn trailing bytes. */
  void truncate(long keep) throws IOException {
    if (channel.size() > keep * Long.BYTES) {
      channel.truncate(keep * Long.BYTES);
    }
    entries = Math.min(entries, keep);
  }

  /** Flushes the index to the storage device. */
  void force() throws IOException {
    ops.force(channel);
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  private long entry(long i) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, i * Long.BYTES + buffer.position()) < 0) {
        return -1;
      }
    }
    return buffer.getLong(0);
  }
}
