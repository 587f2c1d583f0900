package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The shell text that starts a script in its own process group and later kills that group.
 *
 * <p>The launcher makes {@code /bin/sh -s} lead its own process group, has it print
 * {@code <marker> <pid>} as its first stdout line, then read the script from stdin. Killing
 * {@code -pid} therefore reaches every process the script started (unless it deliberately left
 * the group). A launcher that already leads its process group (OpenSSH's sshd starts every
 * session's command with {@code setsid()}) execs the shell in place, costing no extra process;
 * otherwise it runs {@code setsid -w /bin/sh -s}.
 * Without a usable {@code setsid} the shell still prints its pid, and the kill falls back to
 * that single process.
 *
 * <p>The script is wrapped in {@code { ... } </dev/null}: the shell parses the whole group
 * before running it, so a command that reads stdin cannot swallow the rest of the script.
 */
final class ProcessGroupScript {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long POLL_MILLIS = 100;

  private final String marker;

  ProcessGroupScript() {
    byte[] nonce = new byte[8];
    RANDOM.nextBytes(nonce);
    this.marker = "QS-EXEC-PID-" + HexFormat.of().formatHex(nonce);
  }

  /** Returns the prefix of the marker line, followed by the pid. */
  String markerPrefix() {
    return marker + " ";
  }

  /** Returns the POSIX script that launches {@code sh -s} in a new process group. */
  String launcher() {
    return "m=" + marker + "; "
        // Signal 0 to group -$$ reaches a group only if this shell leads one (a group's id is its
        // leader's pid, never reused while the group lives): one builtin, no process spawned.
        + "if kill -s 0 -- -$$ 2>/dev/null; then echo \"$m $$\"; exec /bin/sh -s; fi; "
        + "if setsid -w true >/dev/null 2>&1; then "
        + "exec setsid -w /bin/sh -c 'echo \"$0 $$\"; exec /bin/sh -s' \"$m\"; "
        + "else echo \"$m $$\"; exec /bin/sh -s; fi";
  }

  /**
   * Returns {@code script} as a command line for any login shell, which is how sshd runs an
   * exec request: {@code exec /bin/sh -c '<script>'}.
   */
  static String forLoginShell(String script) {
    return "exec /bin/sh -c " + Shell.quote(script);
  }

  /** Returns the bytes fed to the launched shell's stdin. */
  static byte[] stdin(String script) {
    requireNonNull(script, "script");
    return ("{\n" + script + "\n} </dev/null\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns a POSIX script that sends TERM to process group {@code pid} (or the process, if
   * there is no such group), waits up to {@code grace} for it to go, then sends KILL.
   */
  static String killScript(long pid, Duration grace) {
    long polls = Math.max(1, grace.toMillis() / POLL_MILLIS);
    return "p=" + pid + "; "
        + "kill -s TERM -- -$p 2>/dev/null || kill -s TERM $p 2>/dev/null; "
        + "i=0; while [ $i -lt " + polls + " ]; do "
        + "{ kill -s 0 -- -$p || kill -s 0 $p; } 2>/dev/null || exit 0; "
        + "sleep 0.1; i=$((i+1)); done; "
        + "kill -s KILL -- -$p 2>/dev/null; kill -s KILL $p 2>/dev/null; exit 0";
  }
}
