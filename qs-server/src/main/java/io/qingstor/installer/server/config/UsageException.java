package io.qingstor.installer.server.config;

/** A flag, config-file key or environment variable that cannot be used; the message says which. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the setting and the problem. */
  public UsageException(String message) {
    super(message);
  }
}
