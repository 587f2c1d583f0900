package io.qingstor.installer.core.exec;

import java.util.Locale;

/**
 * Why a command failed on a node: the small, documented set every node failure is sorted into
 * (see {@link FailureClassifier}), each with a one-line hint that says what to do. On the wire
 * a reason is its {@link #wireName()} ({@code auth_failed}).
 */
public enum FailureReason {
  /** Nothing listens on the SSH port (TCP RST). */
  CONNECTION_REFUSED(true, "nothing answers on the SSH port of %s: start sshd there or fix"
      + " ssh_port with ModifyNodes"),
  /** No route to the host, or the connection or SSH handshake timed out. */
  HOST_UNREACHABLE(true, "%s cannot be reached: check that it is up, its ip (ModifyNodes) and"
      + " the network or firewall between the installer and it"),
  /** The host name does not resolve. */
  DNS_FAILURE(true, "the address of %s does not resolve: register it by IP with ModifyNodes"
      + " or fix DNS"),
  /** The connection dropped while a command ran, or a session could not carry a command. */
  CONNECTION_LOST(true, "the connection to %s was lost: check that it is up and not"
      + " overloaded, then run the action again"),
  /** The host presented a key other than the pinned one. */
  HOST_KEY_CHANGED(false, "the host key of %s changed: verify the host, then ModifyNodes with"
      + " reset_host_key"),
  /** The host's key could not be checked against a pin (none, or the pins are unreadable). */
  HOST_KEY_UNVERIFIED(false, "the host key of %s could not be verified: pin it (host_key) or"
      + " check the installer's known_hosts file"),
  /** The SSH server refused the user's password or key. */
  AUTH_FAILED(false, "%s refused the SSH login: fix ssh_user and ssh_password or ssh_key with"
      + " ModifyNodes"),
  /** The SSH user may not do what the step needs (a file, directory or operation). */
  PERMISSION_DENIED(false, "the SSH user of %s lacks a permission the step needs: make qs_root"
      + " writable for it or connect as a user that may"),
  /** sudo asked for a password the step cannot give. */
  SUDO_PASSWORD_REQUIRED(false, "sudo on %s needs a password: allow the SSH user NOPASSWD"
      + " sudo or connect as root"),
  /** The step called a program the node lacks. */
  COMMAND_NOT_FOUND(false, "a program the step needs is missing on %s: install it (see the"
      + " step log for its name)"),
  /** The node's disk or quota is full. */
  DISK_FULL(false, "a disk of %s is full: free space (or raise the quota) under qs_root, then"
      + " run the action again"),
  /** The script was killed by a signal on the node (OOM killer, an operator's kill). */
  KILLED_BY_SIGNAL(false, "the step was killed by a signal on %s: check its memory (OOM"
      + " killer) and the system log there"),
  /** The step ran longer than its timeout; its processes were killed. */
  STEP_TIMEOUT(false, "the step ran longer than its timeout on %s: check what it waits for in"
      + " the log, or raise the step's timeout in the plan"),
  /** The job was cancelled or the installer stopped. */
  CANCELLED(false, "the job was stopped before it finished on %s: run the action again to"
      + " resume"),
  /** The script exited non-zero for a reason of its own. */
  SCRIPT_FAILED(false, "the step failed on %s: read the last lines of its log for why");

  private final boolean unreachable;
  private final String hint;

  FailureReason(boolean unreachable, String hint) {
    this.unreachable = unreachable;
    this.hint = hint;
  }

  /** The name on the wire and in logs: lower case with underscores. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when the node could not be reached at all, so it is marked {@code unreachable}. */
  public boolean unreachable() {
    return unreachable;
  }

  /** The one-line hint for this reason on node {@code nodeId}. */
  public String hint(String nodeId) {
    return String.format(Locale.ROOT, hint, nodeId);
  }
}
