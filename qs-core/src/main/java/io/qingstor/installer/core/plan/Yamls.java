package io.qingstor.installer.core.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed reads of parsed YAML whose errors name where the value sits: {@code file: jobs.deploy[2].timeout}. */
final class Yamls {
  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})(s|m|h)");

  private Yamls() {}

  static void onlyKeys(Map<?, ?> map, Set<String> allowed, String where) {
    for (Object key : map.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        throw new PlanException(where + "." + key + ": unknown key; expected one of "
            + new TreeSet<>(allowed));
      }
    }
  }

  static String string(Map<?, ?> map, String key, String where, boolean required) {
    Object value = map.get(key);
    if (value == null) {
      if (required) {
        throw new PlanException(where + "." + key + ": required");
      }
      return null;
    }
    if (!(value instanceof String) || ((String) value).isBlank()) {
      throw new PlanException(where + "." + key + ": must be a non-empty string");
    }
    return (String) value;
  }

  /** A string, number or boolean as text: plan and node vars are strings to scripts. */
  static String scalar(Object value, String where) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new PlanException(where + ": must be a string, number or boolean");
  }

  static Map<?, ?> map(Object value, String where) {
    if (!(value instanceof Map)) {
      throw new PlanException(where + ": must be a mapping");
    }
    return (Map<?, ?>) value;
  }

  static List<?> list(Object value, String where, String what) {
    if (!(value instanceof List) || ((List<?>) value).isEmpty()) {
      throw new PlanException(where + ": must be a non-empty list of " + what);
    }
    return (List<?>) value;
  }

  /** The step's list under {@code key}, each entry a mapping read by {@code item}. */
  static <T> List<T> items(Map<?, ?> step, String key, String where, String what,
      BiFunction<Map<?, ?>, String, T> item) {
    String at = where + "." + key;
    List<?> list = list(step.get(key), at, what);
    List<T> items = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String itemAt = at + "[" + i + "]";
      items.add(item.apply(map(list.get(i), itemAt), itemAt));
    }
    return items;
  }

  static int integer(Object value, int dflt, int min, int max, String where) {
    if (value == null) {
      return dflt;
    }
    if (!(value instanceof Integer) || (Integer) value < min || (Integer) value > max) {
      throw new PlanException(where + ": must be an integer from " + min + " to " + max);
    }
    return (Integer) value;
  }

  static boolean bool(Object value, String where) {
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean)) {
      throw new PlanException(where + ": must be true or false");
    }
    return (Boolean) value;
  }

  static Duration duration(Object value, String where) {
    if (value == null) {
      return Duration.ofSeconds(300);
    }
    Matcher m = DURATION.matcher(String.valueOf(value));
    if (!m.matches()) {
      throw new PlanException(where + ": must be like 30s, 5m or 1h");
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "s": return Duration.ofSeconds(amount);
      case "m": return Duration.ofMinutes(amount);
      default: return Duration.ofHours(amount);
    }
  }
}
