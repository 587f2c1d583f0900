package io.qingstor.installer.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads complete LF-terminated lines of a log from a start position up to a fixed end, through
 * one buffer of {@link LogLineCodec#MAX_LINE_BYTES}: memory is bounded whatever the file size,
 * and bytes after the last LF before the end (a line being written, or left by a crash) are never
 * returned.
 */
final class LineScanner {

  private final Path file;
  private final FileChannel channel;
  private final long end;
  private final byte[] buffer = new byte[LogLineCodec.MAX_LINE_BYTES];
  private long bufferStart; // file position of buffer[0]
  private int length;       // valid bytes in the buffer
  private int next;         // index of the next unconsumed byte
  private long bytesRead;

  LineScanner(Path file, FileChannel channel, long start, long end) {
    this.file = file;
    this.channel = channel;
    this.end = end;
    this.bufferStart = start;
  }

  /** Returns the file position of the next line's first byte. */
  long position() {
    return bufferStart + next;
  }

  /** Returns how many bytes this scanner has read from the file. */
  long bytesRead() {
    return bytesRead;
  }

  /**
   * Moves past the next complete line; returns false, without moving, if there is none.
   *
   * @throws CorruptStateException if a line is longer than any line the codec writes
   */
  boolean skipLine() throws IOException {
    int lineLength = findLine();
    if (lineLength < 0) {
      return false;
    }
    next += lineLength + 1;
    return true;
  }

  /**
   * Returns the next complete line without its LF, or null, without moving, if there is none.
   *
   * @throws CorruptStateException if a line is longer than any line the codec writes
   */
  byte[] nextLine() throws IOException {
    int lineLength = findLine();
    if (lineLength < 0) {
      return null;
    }
    byte[] line = Arrays.copyOfRange(buffer, next, next + lineLength);
    next += lineLength + 1;
    return line;
  }

  /** Returns the length of the complete line at {@code next}, reading more as needed, or -1. */
  private int findLine() throws IOException {
    int scanned = next;
    while (true) {
      for (int i = scanned; i < length; i++) {
        if (buffer[i] == '\n') {
          return i - next;
        }
      }
      if (next == 0 && length == buffer.length) {
        throw new CorruptStateException(file, "the line at byte " + bufferStart + " is longer than "
            + LogLineCodec.MAX_LINE_BYTES + " bytes, so the installer did not write it; "
            + "move the file aside (its step's log will then read as empty)");
      }
      scanned = length - next;
      compact();
      if (!fill()) {
        return -1;
      }
    }
  }

  private void compact() {
    System.arraycopy(buffer, next, buffer, 0, length - next);
    bufferStart += next;
    length -= next;
    next = 0;
  }

  private boolean fill() throws IOException {
    long from = bufferStart + length;
    int wanted = (int) Math.min(buffer.length - length, end - from);
    if (wanted <= 0) {
      return false;
    }
    int n = channel.read(ByteBuffer.wrap(buffer, length, wanted), from);
    if (n <= 0) {
      return false; // the file shrank under us: treat like the end
    }
    length += n;
    bytesRead += n;
    return true;
  }
}
