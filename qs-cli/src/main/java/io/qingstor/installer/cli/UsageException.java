package io.qingstor.installer.cli;

/**
 * The command cannot run as given: a missing or unreadable file, a file that does not decode, no
 * credentials. qsctl exits {@link ExitCodes#USAGE} with the message.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A usage problem described by {@code message}, which says what to do about it. */
  public UsageException(String message) {
    super(message);
  }
}
