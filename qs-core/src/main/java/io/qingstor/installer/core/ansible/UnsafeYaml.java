package io.qingstor.installer.core.ansible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Variables as YAML whose every string is tagged {@code !unsafe}: Ansible then never evaluates
 * {@code {{ }}} or {@code {% %}} inside a value (a password, a config value), it uses it as
 * written. Flow style: maps and lists as in JSON, strings as JSON strings after the tag.
 */
final class UnsafeYaml {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UnsafeYaml() {}

  static String write(Map<String, ?> vars) {
    StringBuilder out = new StringBuilder();
    value(vars, out);
    return out.append('\n').toString();
  }

  private static void value(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(sep).append(json(String.valueOf(e.getKey()))).append(": ");
        value(e.getValue(), out);
        sep = ", ";
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      String sep = "";
      for (Object item : list) {
        out.append(sep);
        value(item, out);
        sep = ", ";
      }
      out.append(']');
    } else if (value == null || value instanceof Number || value instanceof Boolean) {
      out.append(json(value));
    } else {
      out.append("!unsafe ").append(json(String.valueOf(value)));
    }
  }

  private static String json(Object scalar) {
    try {
      return JSON.writeValueAsString(scalar);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a variable: " + e.getOriginalMessage(), e);
    }
  }
}
