package io.qingstor.installer.core.store;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Names of the temp files an atomic write goes through: {@code .<name>.<16 hex digits>.tmp}.
 *
 * <p>The shape is reserved: {@link DurableFiles} refuses state files named like this, so anything
 * matching it after a crash is a leftover and can be deleted.
 */
final class TempNames {

  private static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9a-f]{16}\\.tmp");

  private TempNames() {
  }

  /** Returns a fresh temp-file name for a file named {@code target}. */
  static String next(String target) {
    return "." + target + "." + String.format("%016x", ThreadLocalRandom.current().nextLong()) + ".tmp";
  }

  /** Returns whether {@code name} has the shape of a temp-file name. */
  static boolean isTemp(String name) {
    return TEMP.matcher(name).matches();
  }
}
