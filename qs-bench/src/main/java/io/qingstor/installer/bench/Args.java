package io.qingstor.installer.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value}, checked against the names a program
 * knows so that a typo fails at once instead of silently using a default.
 */
public final class Args {

  private final Map<String, String> values;

  private Args(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException if an option is unknown, repeated or lacks its value
   */
  public static Args parse(String[] args, Set<String> known) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String option = args[i];
      if (!option.startsWith("--") || !known.contains(option.substring(2))) {
        throw new IllegalArgumentException("unknown option " + option + "; known: --" + String.join(", --", known));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      if (values.put(option.substring(2), args[i + 1]) != null) {
        throw new IllegalArgumentException(option + " is given twice");
      }
    }
    return new Args(values);
  }

  /**
   * Returns the value of a required option.
   *
   * @throws IllegalArgumentException if it was not given
   */
  public String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  /** Returns the option's value, or {@code fallback} when it was not given. */
  public String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** Returns an option as a path, if it was given. */
  public Optional<Path> optionalPath(String name) {
    return Optional.ofNullable(values.get(name)).map(Path::of);
  }

  /** Returns a required option as a path. */
  public Path path(String name) {
    return Path.of(required(name));
  }

  /**
   * Returns the option as a positive integer, or {@code fallback}.
   *
   * @throws IllegalArgumentException if the value is not a positive integer
   */
  public int positive(String name, int fallback) {
    String value = values.get(name);
    return value == null ? fallback : positive(name, value);
  }

  /**
   * Returns the option as a comma-separated list of positive integers, or {@code fallback}.
   *
   * @throws IllegalArgumentException if an element is not a positive integer
   */
  public List<Integer> positives(String name, List<Integer> fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    List<Integer> result = new ArrayList<>();
    for (String part : value.split(",")) {
      result.add(positive(name, part.strip()));
    }
    return List.copyOf(result);
  }

  private static int positive(String name, String value) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--" + name + " must be a positive integer, was '" + value + "'");
  }
}
