package io.qingstor.installer.cli;

import java.io.Console;
import java.util.Arrays;

/**
 * Reads a user's new password: typed twice without echo at a terminal, else the next line of
 * standard input. Never from a flag, so it stays out of shell history and process lists.
 */
final class NewPassword {
  private NewPassword() {}

  static String read(CliEnvironment env, String userId) {
    Console console = System.console();
    if (!env.terminal() || console == null) {
      return env.readLine("the new password of " + userId);
    }
    char[] first = console.readPassword("New password of %s: ", userId);
    char[] again = console.readPassword("Again: ");
    try {
      if (first == null || !Arrays.equals(first, again)) {
        throw new UsageException("the two passwords differ; nothing changed");
      }
      return new String(first);
    } finally {
      Arrays.fill(first == null ? new char[0] : first, ' ');
      Arrays.fill(again == null ? new char[0] : again, ' ');
    }
  }
}
