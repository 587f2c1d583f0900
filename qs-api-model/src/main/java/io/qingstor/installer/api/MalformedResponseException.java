package io.qingstor.installer.api;

/** A response body that is not a valid response envelope of the protocol. */
public final class MalformedResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
