package io.qingstor.installer.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The env file lines a new config removes ({@code "- ..."}) and adds ({@code "+ ..."}), each in
 * its file's order. Lines are matched by count, not by position, so the answer is linear in the
 * file's size (a 5,000-node env file included) and a moved line shows as unchanged.
 */
final class EnvFileDiff {
  private EnvFileDiff() {}

  static List<String> between(String current, String next) {
    List<String> before = lines(current);
    List<String> after = lines(next);
    List<String> diff = new ArrayList<>();
    Map<String, Integer> unmatched = counts(after);
    for (String line : before) {
      if (!take(unmatched, line)) {
        diff.add("- " + line);
      }
    }
    Map<String, Integer> old = counts(before);
    for (String line : after) {
      if (!take(old, line)) {
        diff.add("+ " + line);
      }
    }
    return diff;
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
  }

  private static Map<String, Integer> counts(List<String> lines) {
    Map<String, Integer> counts = new HashMap<>();
    lines.forEach(line -> counts.merge(line, 1, Integer::sum));
    return counts;
  }

  private static boolean take(Map<String, Integer> counts, String line) {
    Integer left = counts.get(line);
    if (left == null || left == 0) {
      return false;
    }
    counts.put(line, left - 1);
    return true;
  }
}
