package io.qingstor.installer.core.exec;

/** Which output stream of a command a line came from. */
public enum StreamKind {
  STDOUT,
  STDERR
}
