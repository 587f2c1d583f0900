package io.qingstor.installer.core.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * Writes regular files into a gzip-compressed POSIX ustar archive in memory: 512-byte headers,
 * contents padded to 512 bytes, two zero blocks at the end. Paths are at most 100 bytes; files
 * are mode 0600. Enough for a support bundle, read by any {@code tar}.
 */
final class TarGz {
  private static final int BLOCK = 512;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final OutputStream out;
  private final long mtime;

  TarGz(Instant time) {
    this.mtime = time.getEpochSecond();
    try {
      this.out = new GZIPOutputStream(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a file at {@code path} holding {@code content}. */
  void add(String path, byte[] content) {
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    if (name.length > 100) {
      throw new IllegalArgumentException("tar path longer than 100 bytes: " + path);
    }
    byte[] header = new byte[BLOCK];
    System.arraycopy(name, 0, header, 0, name.length);
    octal(header, 100, 8, 0600);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, content.length);
    octal(header, 136, 12, mtime);
    header[156] = '0';
    System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 6);
    header[263] = '0';
    header[264] = '0';
    // The checksum is computed with its own field as spaces.
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, 7, sum);
    try {
      out.write(header);
      out.write(content);
      out.write(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the archive and returns its bytes. */
  byte[] finish() {
    try {
      out.write(new byte[2 * BLOCK]);
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes {@code value} as zero-padded octal digits followed by NUL into the field. */
  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
    byte[] ascii = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(ascii, 0, header, offset, length - 1);
    header[offset + length - 1] = 0;
  }
}
