package io.qingstor.installer.core.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an INI inventory the way Ansible's INI plugin splits it, to check what a rendered
 * inventory means to Ansible: lines as Python's {@code str.splitlines()} cuts them, host lines as
 * {@code shlex.split(line, comments=True)} (POSIX mode) tokenizes them. Values are left as the
 * tokens carry them (Ansible then applies {@code ast.literal_eval}).
 */
final class AnsibleIniReader {
  /** Every character {@code str.splitlines()} ends a line at ({@code \r\n} counts once). */
  private static final String LINE_BREAKS = "\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029";
  private static final String BLANKS = " \t\r\n";

  private AnsibleIniReader() {}

  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (LINE_BREAKS.indexOf(c) < 0) {
        line.append(c);
        continue;
      }
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      }
      lines.add(line.toString());
      line.setLength(0);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * The tokens of a host line.
   *
   * @throws IllegalArgumentException where shlex raises ("No closing quotation", "No escaped
   *     character")
   */
  static List<String> tokens(String line) {
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    boolean inToken = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          token.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\') {
          i = escaped(line, i, token, true);
        } else {
          token.append(c);
        }
      } else if (BLANKS.indexOf(c) >= 0 || c == '#') {
        if (inToken) {
          tokens.add(token.toString());
          token.setLength(0);
          inToken = false;
        }
        if (c == '#') {
          return tokens; // a comment runs to the end of the line, even inside a word
        }
      } else {
        inToken = true;
        if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '\\') {
          i = escaped(line, i, token, false);
        } else {
          token.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("No closing quotation");
    }
    if (inToken) {
      tokens.add(token.toString());
    }
    return tokens;
  }

  /** A backslash at {@code i}: inside double quotes it escapes only {@code "} and {@code \}. */
  private static int escaped(String line, int i, StringBuilder token, boolean inDoubleQuotes) {
    if (i + 1 >= line.length()) {
      throw new IllegalArgumentException("No escaped character");
    }
    char next = line.charAt(i + 1);
    if (inDoubleQuotes && next != '"' && next != '\\') {
      token.append('\\');
    }
    token.append(next);
    return i + 1;
  }
}
