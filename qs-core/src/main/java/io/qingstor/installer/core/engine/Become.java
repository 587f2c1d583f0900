package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Shell;

/**
 * Running a node's work as root through {@code sudo}, for a step with {@code become: true} or a
 * node with the var {@code become: "true"} whose SSH user is not root.
 *
 * <p>The script the node receives (on stdin, as always) checks sudo first and then pipes the
 * real script to {@code sudo -n /bin/sh -s}. With a become password it first validates sudo with
 * {@code sudo -S -v}, the password on that sudo's stdin alone: fed ahead of the script to one
 * {@code sudo -S sh -s} instead, a sudo that does not ask (NOPASSWD, cached credentials) would
 * hand the password line to the shell as a command. The password is an unexported variable of
 * the outer shell, like plan secrets, never on a command line.
 *
 * @param user the SSH user sudo runs for
 * @param password the node's become password, or null
 */
record Become(String user, String nodeId, String password) {
  /** The node var that asks for become on every step of the node. */
  static final String NODE_VAR = "become";

  /** {@code script}, run as root through sudo. */
  String wrap(String script) {
    StringBuilder outer = new StringBuilder();
    String needsPassword = "sudo needs a password for " + user + " on " + nodeId
        + ": set become_password or allow NOPASSWD";
    outer.append("if ! qs_sudo=$(sudo -n true 2>&1); then\n");
    if (password != null) {
      outer.append(Shell.assignment("qs_become_password", password)).append('\n')
          .append("  printf '%s\\n' \"$qs_become_password\" | sudo -S -p '' -v >/dev/null 2>&1"
              + " || { echo ").append(Shell.quote("sudo refused the become password for " + user
              + " on " + nodeId)).append(" >&2; exit 1; }\n")
          .append("  unset qs_become_password\n");
    } else {
      outer.append("  case \"$qs_sudo\" in\n")
          .append("    *assword*) echo ").append(Shell.quote(needsPassword)).append(" >&2 ;;\n")
          .append("    *) printf '%s\\n' ").append(Shell.quote("sudo refused on " + nodeId + ":"))
          .append(" \"$qs_sudo\" >&2 ;;\n")
          .append("  esac\n  exit 1\n");
    }
    outer.append("fi\n");
    // The inner script is one quoted word for printf, a builtin: no process shows it.
    outer.append("printf '%s\\n' ").append(Shell.quote("{\n" + script + "\n} </dev/null"))
        .append(" | sudo -n /bin/sh -s\n");
    return outer.toString();
  }
}
