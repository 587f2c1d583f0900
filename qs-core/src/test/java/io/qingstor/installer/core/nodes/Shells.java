package io.qingstor.installer.core.nodes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;

/** The shells facts.sh must run under; tests skip the ones this machine lacks. */
final class Shells {
  private Shells() {}

  /** {@code /bin/sh}, {@code dash} and {@code busybox} (its {@code sh}). */
  static Stream<String> all() {
    return Stream.of("/bin/sh", "dash", "busybox");
  }

  /** Skips the calling test, as an assumption, when the shell is not installed. */
  static void assumeInstalled(String shell) {
    assumeTrue(ScriptRun.available(shell), shell + " is not installed on this machine");
  }
}
