package io.qingstor.installer.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces secrets twice over: by field name in JSON (any field named like a password, key,
 * secret or verifier), and by value in any text (every known secret, and each long line of a
 * multi-line one such as a PEM key), so a secret that leaked into a log line or an error is
 * caught too.
 */
final class SecretRedactor {
  static final String MASK = "***";
  /** Lines of a multi-line secret at least this long are replaced on their own. */
  private static final int MIN_LINE = 16;
  private static final Pattern SECRET_FIELD = Pattern.compile(
      "(?i).*(password|passwd|_pass|secret|verifier|ssh_key|private_key|key_pem).*");

  private final List<String> values;

  SecretRedactor(Iterable<String> secrets) {
    Set<String> all = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret == null || secret.isEmpty()) {
        continue;
      }
      all.add(secret);
      for (String line : secret.split("\n")) {
        if (line.strip().length() >= MIN_LINE) {
          all.add(line.strip());
        }
      }
    }
    List<String> sorted = new ArrayList<>(all);
    // Longest first, so a whole key goes before its lines.
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.values = List.copyOf(sorted);
  }

  /** {@code text} with every known secret value replaced. */
  String text(String text) {
    String result = text;
    for (String secret : values) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  /** A copy of {@code tree} with secret-named fields masked. */
  JsonNode json(JsonNode tree) {
    JsonNode copy = tree.deepCopy();
    mask(copy);
    return copy;
  }

  private static void mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      List<String> secretFields = new ArrayList<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (SECRET_FIELD.matcher(field.getKey()).matches() && !field.getValue().isNull()) {
          secretFields.add(field.getKey());
        } else {
          mask(field.getValue());
        }
      }
      secretFields.forEach(name -> object.set(name, TextNode.valueOf(MASK)));
    } else if (node instanceof ArrayNode array) {
      array.forEach(SecretRedactor::mask);
    }
  }
}
