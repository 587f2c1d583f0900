package io.qingstor.installer.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings a step log and its index back to a consistent state after a crash, before appending. */
final class LogRepair {

  private static final Logger log = LoggerFactory.getLogger(LogRepair.class);
  private static final int CHUNK = 64 * 1024;

  private LogRepair() {
  }

  /**
   * Truncates the bytes after the last LF (a line a crash interrupted) and returns the new
   * length of the log.
   */
  static long dropIncompleteLine(Path file, FileChannel channel, FileOps ops) throws IOException {
    long size = channel.size();
    long end = lastLineEnd(channel, size);
    if (end < size) {
      log.warn("Step log {} ended with {} bytes of an interrupted line; dropping them", file, size - end);
      channel.truncate(end);
      ops.force(channel);
    }
    return end;
  }

  /**
   * Keeps the index entries that are plausible for the log's first {@code end} bytes, drops
   * the rest, adds the entries missing after the last kept one by scanning from it, and
   * returns the number of lines in the log.
   */
  static long repairIndex(Path file, FileChannel channel, long end, LineIndex index) throws IOException {
    long trusted = 0;
    while (trusted < index.entries() && index.checkpoint(trusted, channel, end) >= 0) {
      trusted++;
    }
    if (trusted < index.entries()) {
      log.warn("Index of step log {} had {} entries, {} consistent with the log; rebuilding the rest",
          file, index.entries(), trusted);
    }
    index.truncate(trusted);
    LineIndex.Checkpoint from = index.nearest(Long.MAX_VALUE, channel, end);
    LineScanner scanner = new LineScanner(file, channel, from.position(), end);
    long line = from.line();
    for (long start = scanner.position(); scanner.skipLine(); start = scanner.position()) {
      if (line % LineIndex.STRIDE == 0 && line / LineIndex.STRIDE == index.entries()) {
        index.append(line / LineIndex.STRIDE, start);
      }
      line++;
    }
    return line;
  }

  private static long lastLineEnd(FileChannel channel, long size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    for (long chunkEnd = size; chunkEnd > 0; ) {
      long chunkStart = Math.max(0, chunkEnd - CHUNK);
      buffer.clear().limit((int) (chunkEnd - chunkStart));
      while (buffer.hasRemaining() && channel.read(buffer, chunkStart + buffer.position()) >= 0) {
        // keep reading until the chunk is full
      }
      for (int i = buffer.position() - 1; i >= 0; i--) {
        if (buffer.get(i) == '\n') {
          return chunkStart + i + 1;
        }
      }
      chunkEnd = chunkStart;
    }
    return 0;
  }
}
