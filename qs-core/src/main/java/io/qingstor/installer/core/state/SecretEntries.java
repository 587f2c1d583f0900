package io.qingstor.installer.core.state;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * The secrets of a text artifact (the rendered env file): each top-level YAML entry whose key is
 * a secret field. An entry's value is the rest of its line plus the indented or empty lines after
 * it, so a quoted, block or multi-line scalar goes whole. Sealed, the value becomes one plain
 * scalar ({@code ansible_ssh_pass: sealed:v1:...}): the file keeps the vendor's layout and stays
 * valid YAML, and opening gives back the exact text that was sealed.
 */
final class SecretEntries {
  private SecretEntries() {}

  /** {@code text} with the value of each secret entry sealed by {@code box}. */
  static String seal(String text, Set<String> fields, SecretBox box) {
    return replace(text, fields, (key, value) -> key + ": " + box.seal(value));
  }

  /** {@code text} with each sealed entry opened; clear (legacy) entries stay as they are. */
  static String open(String text, Set<String> fields, SecretBox box) {
    return replace(text, fields, (key, value) -> value.startsWith(" " + SecretBox.PREFIX)
        ? key + ":" + box.open(value.substring(1)) : key + ":" + value);
  }

  /**
   * True when {@code file} is UTF-8 text holding a sealed entry (read line by line, so a large
   * fetched file costs no memory, and a binary one stops at its first byte that is not UTF-8).
   */
  static boolean holdsSealed(Path file, Set<String> fields) throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        for (String field : fields) {
          if (line.startsWith(field + ": " + SecretBox.PREFIX)) {
            return true;
          }
        }
      }
      return false;
    } catch (CharacterCodingException binary) {
      return false;
    }
  }

  /** Replaces each secret entry by {@code entry} of its key and value (the text after the colon). */
  private static String replace(String text, Set<String> fields, BinaryOperator<String> entry) {
    String[] lines = text.split("\n", -1);
    StringBuilder result = new StringBuilder(text.length());
    int i = 0;
    while (i < lines.length) {
      String key = secretKey(lines[i], fields);
      if (key == null) {
        result.append(lines[i++]);
      } else {
        StringBuilder value = new StringBuilder(lines[i++].substring(key.length() + 1));
        // The last element is what follows the final newline: it stays outside, so the file
        // keeps ending with one.
        while (i < lines.length - 1 && (lines[i].isEmpty() || lines[i].startsWith(" "))) {
          value.append('\n').append(lines[i++]);
        }
        result.append(entry.apply(key, value.toString()));
      }
      if (i < lines.length) {
        result.append('\n');
      }
    }
    return result.toString();
  }

  private static String secretKey(String line, Set<String> fields) {
    for (String field : fields) {
      if (line.startsWith(field + ":")
          && (line.length() == field.length() + 1 || line.charAt(field.length() + 1) == ' ')) {
        return field;
      }
    }
    return null;
  }
}
