package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place that makes values safe for a POSIX shell: validation patterns and
 * single-quoting.
 *
 * <p>{@link #quote(String)} alone is enough for safety: a quoted value reaches the command as
 * one argument, byte for byte. The {@link Kind} patterns additionally reject values that are
 * well-quoted but meaningless (an interface name with a slash), so mistakes surface as
 * validation errors before anything runs.
 */
public final class Shell {

  /** The kinds of values that scripts receive, each with the pattern it must match. */
  public enum Kind {
    /** A shell variable name. */
    VARIABLE_NAME("[A-Za-z_][A-Za-z0-9_]*"),
    /** A simple identifier: node ids, volume names, zone ids. */
    SIMPLE_NAME("[A-Za-z0-9][A-Za-z0-9._-]{0,127}"),
    /** A DNS host name or dotted IPv4 address. */
    HOST("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*"),
    /** A dotted IPv4 address. */
    IPV4("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"),
    /** A Linux network interface name (at most 15 characters). */
    INTERFACE("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,14}"),
    /** A block device name such as {@code sdb} or {@code nvme0n1} (no {@code /dev/}). */
    DEVICE("[A-Za-z0-9][A-Za-z0-9_-]{0,63}"),
    /** An absolute path without spaces, quotes, {@code ..} segments or shell metacharacters. */
    ABSOLUTE_PATH("(?!.*(^|/)\\.\\.(/|$))/[A-Za-z0-9._+/-]{0,4095}");

    private final Pattern pattern;

    Kind(String regex) {
      this.pattern = Pattern.compile(regex);
    }

    /** Returns whether {@code value} is non-null and matches this kind's pattern. */
    public boolean matches(String value) {
      return value != null && pattern.matcher(value).matches();
    }
  }

  private Shell() {
  }

  /**
   * Returns {@code value} single-quoted for a POSIX shell: {@code 'abc'}, with each {@code '}
   * written as {@code '\''}.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} contains a NUL character, which no
   *     shell argument can hold
   */
  public static String quote(String value) {
    requireNonNull(value, "value");
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a shell value cannot contain a NUL character");
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /**
   * Returns the quoted words joined by spaces, a command line whose arguments arrive exactly as
   * given.
   *
   * @throws IllegalArgumentException if a word contains a NUL character
   */
  public static String join(List<String> words) {
    return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }

  /**
   * Returns {@code NAME='value'}, a shell assignment.
   *
   * @throws IllegalArgumentException if {@code name} is not a valid variable name or
   *     {@code value} contains a NUL character
   */
  public static String assignment(String name, String value) {
    requireNonNull(name, "name");
    if (!Kind.VARIABLE_NAME.matches(name)) {
      throw new IllegalArgumentException("not a valid shell variable name: '" + name + "'");
    }
    return name + "=" + quote(value);
  }

  /**
   * Returns {@code export NAME='value'}, a shell line that exports a variable.
   *
   * @throws IllegalArgumentException if {@code name} is not a valid variable name or
   *     {@code value} contains a NUL character
   */
  public static String exportLine(String name, String value) {
    return "export " + assignment(name, value);
  }

  /**
   * Returns {@code value} if it matches {@code kind}; the message names {@code field} and the
   * kind but never repeats the value, which may be a secret.
   *
   * @throws IllegalArgumentException if it does not match
   */
  public static String require(Kind kind, String field, String value) {
    requireNonNull(kind, "kind");
    requireNonNull(field, "field");
    if (!kind.matches(value)) {
      throw new IllegalArgumentException(field + " is not a valid "
          + kind.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    return value;
  }
}
