package io.qingstor.installer.core.exec;

/** How a command on a node ended. */
public enum Outcome {
  /** The script exited with status 0. */
  SUCCEEDED,
  /** The script exited with a non-zero status or was killed by a signal on the node. */
  FAILED,
  /** The script ran longer than its timeout; its process group was killed. */
  TIMED_OUT,
  /** The node could not be reached or authenticated, or the connection was lost. */
  UNREACHABLE,
  /** The command was cancelled; its process group was killed. */
  CANCELLED
}
