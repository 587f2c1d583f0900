package io.qingstor.installer.server.http;

/** Thrown when a request body is larger than the server's limit; answered 413 with 1100. */
final class BodyTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long limitBytes;

  BodyTooLargeException(long limitBytes) {
    super("request body exceeds " + limitBytes + " bytes", null, false, false);
    this.limitBytes = limitBytes;
  }

  long limitBytes() {
    return limitBytes;
  }
}
