package io.qingstor.installer.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The text encoding of a step-log line, one line per {@link LogEntry}:
 *
 * <pre>{@code <time ISO-8601 UTC>\t<node, or - for none>\t<stream>\t<text>\n}</pre>
 *
 * <p>In the text, {@code \} is written {@code \\}, TAB {@code \t}, LF {@code \n} and CR
 * {@code \r}; every other character is written as itself in UTF-8 (an unpaired surrogate as
 * U+FFFD). So a line holds exactly three raw tabs and one raw LF, at its end, and a byte 0x0A is
 * always a line end (UTF-8 never uses it inside a multi-byte character). An encoded line never
 * exceeds {@value #MAX_LINE_BYTES} bytes including the LF: a longer text is cut at a character
 * boundary and ends with {@code " ...[truncated N chars]"}.
 */
final class LogLineCodec {

  /** The largest encoded line, including its terminating LF. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  private static final int MARKER_RESERVE = 48; // " ...[truncated 2147483647 chars]" is 32 bytes
  private static final int REPLACEMENT = 0xFFFD;

  private LogLineCodec() {
  }

  /** Encodes {@code entry} as one line, LF included. */
  static byte[] encode(LogEntry entry) {
    String node = entry.node() == null ? LogEntry.NO_NODE : entry.node();
    byte[] header = (entry.time() + "\t" + node + "\t" + entry.stream() + "\t").getBytes(UTF_8);
    String text = entry.text();
    int room = MAX_LINE_BYTES - header.length - 1;
    int end = fittingPrefix(text, room);
    String marker = "";
    if (end < text.length()) {
      end = fittingPrefix(text, room - MARKER_RESERVE);
      marker = " ...[truncated " + (text.length() - end) + " chars]";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + end + marker.length() + 16);
    out.writeBytes(header);
    for (int i = 0; i < end; ) {
      int cp = text.codePointAt(i);
      writeEscaped(out, cp);
      i += Character.charCount(cp);
    }
    out.writeBytes(marker.getBytes(UTF_8));
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * Decodes the line in {@code bytes[offset, offset + length)}, without its LF.
   *
   * @throws IllegalArgumentException if the bytes are not a line this codec wrote
   */
  static LogEntry decode(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int tab1 = indexOfTab(bytes, offset, end);
    int tab2 = indexOfTab(bytes, tab1 + 1, end);
    int tab3 = indexOfTab(bytes, tab2 + 1, end);
    Instant time;
    try {
      time = Instant.parse(new String(bytes, offset, tab1 - offset, UTF_8));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad time: " + e.getMessage(), e);
    }
    String node = new String(bytes, tab1 + 1, tab2 - tab1 - 1, UTF_8);
    String stream = new String(bytes, tab2 + 1, tab3 - tab2 - 1, UTF_8);
    String text = unescape(bytes, tab3 + 1, end);
    return new LogEntry(time, node.equals(LogEntry.NO_NODE) ? null : node, stream, text);
  }

  /** Returns the end index of the longest code-point-aligned prefix whose encoding fits in {@code room}. */
  private static int fittingPrefix(String text, int room) {
    int used = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      used += escapedLength(cp);
      if (used > room) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  private static int escapedLength(int cp) {
    if (escapeOf(cp) != 0) {
      return 2;
    }
    if (cp < 0x80) {
      return 1;
    }
    if (cp < 0x800) {
      return 2;
    }
    return cp < 0x10000 ? 3 : 4;
  }

  /** The escape letter for {@code cp}, or 0 if it is written as itself. */
  private static char escapeOf(int cp) {
    return switch (cp) {
      case '\\' -> '\\';
      case '\t' -> 't';
      case '\n' -> 'n';
      case '\r' -> 'r';
      default -> 0;
    };
  }

  /** The character an escape letter stands for, or -1 for an unknown escape. */
  private static int unescapeOf(int letter) {
    return switch (letter) {
      case '\\' -> '\\';
      case 't' -> '\t';
      case 'n' -> '\n';
      case 'r' -> '\r';
      default -> -1;
    };
  }

  private static void writeEscaped(ByteArrayOutputStream out, int cp) {
    char escape = escapeOf(cp);
    if (escape != 0) {
      out.write('\\');
      out.write(escape);
      return;
    }
    int c = cp < 0x10000 && Character.isSurrogate((char) cp) ? REPLACEMENT : cp; // unpaired
    if (c < 0x80) {
      out.write(c);
    } else if (c < 0x800) {
      out.write(0xC0 | (c >> 6));
      out.write(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out.write(0xE0 | (c >> 12));
      out.write(0x80 | ((c >> 6) & 0x3F));
      out.write(0x80 | (c & 0x3F));
    } else {
      out.write(0xF0 | (c >> 18));
      out.write(0x80 | ((c >> 12) & 0x3F));
      out.write(0x80 | ((c >> 6) & 0x3F));
      out.write(0x80 | (c & 0x3F));
    }
  }

  private static String unescape(byte[] bytes, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == '\t' || b == '\r' || b == '\n') {
        throw new IllegalArgumentException("raw control character 0x" + Integer.toHexString(b) + " in text");
      }
      if (b != '\\') {
        out.write(b);
        continue;
      }
      int c = i + 1 < to ? unescapeOf(bytes[++i]) : -1;
      if (c < 0) {
        throw new IllegalArgumentException("bad escape at text byte " + (i - from));
      }
      out.write(c);
    }
    return out.toString(UTF_8);
  }

  private static int indexOfTab(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == '\t') {
        return i;
      }
    }
    throw new IllegalArgumentException("fewer than four tab-separated fields");
  }
}
