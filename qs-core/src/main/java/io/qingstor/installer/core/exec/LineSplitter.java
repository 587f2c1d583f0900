package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An output stream that cuts bytes into UTF-8 lines and hands each to a listener as soon as
 * it is complete.
 *
 * <p>A trailing {@code \r} is dropped (CRLF output). A line longer than {@link #MAX_LINE_BYTES}
 * is delivered in pieces cut at character boundaries, so memory stays bounded whatever a
 * command prints. {@link #finish()} (or {@link #close()}) delivers a final partial line.
 */
final class LineSplitter extends OutputStream {

  /** The longest line delivered in one piece. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  private final StreamKind stream;
  private final OutputListener listener;
  private byte[] buffer = new byte[256];
  private int length;

  LineSplitter(StreamKind stream, OutputListener listener) {
    this.stream = requireNonNull(stream, "stream");
    this.listener = requireNonNull(listener, "listener");
  }

  @Override
  public synchronized void write(int b) {
    append((byte) b);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int count) {
    for (int i = offset; i < offset + count; i++) {
      append(bytes[i]);
    }
  }

  /** Delivers the buffered partial line, if any. Idempotent. */
  synchronized void finish() {
    if (length > 0) {
      emit(length, true);
    }
  }

  @Override
  public void close() {
    finish();
  }

  private void append(byte b) {
    if (b == '\n') {
      emit(length, true);
      return;
    }
    if (length == buffer.length) {
      if (length >= MAX_LINE_BYTES) {
        emit(characterBoundary(), false);
      } else {
        buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_LINE_BYTES));
      }
    }
    buffer[length++] = b;
  }

  /** Returns where to cut a full buffer so that no UTF-8 sequence is split. */
  private int characterBoundary() {
    for (int start = length - 1; start >= Math.max(0, length - 4); start--) {
      int lead = buffer[start] & 0xFF;
      if ((lead & 0xC0) != 0x80) {
        int size = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        return start + size <= length ? length : start;
      }
    }
    return length; // not UTF-8 at all: any cut will do
  }

  private void emit(int count, boolean lineEnd) {
    int end = lineEnd && count > 0 && buffer[count - 1] == '\r' ? count - 1 : count;
    String line = new String(buffer, 0, end, StandardCharsets.UTF_8);
    System.arraycopy(buffer, count, buffer, 0, length - count);
    length -= count;
    listener.onLine(stream, line);
  }
}
