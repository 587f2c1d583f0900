package io.qingstor.installer.client;

/**
 * The root of every failure the SDK throws: unchecked, with the cause always chained.
 *
 * <p>{@link QsServiceException} means the server answered with an error; {@link QsClientException}
 * means no usable answer arrived (transport failure, timeout, malformed response);
 * {@link QsJobFailedException} and {@link QsWaitTimeoutException} come from the waiters.
 */
public class QsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message and an optional cause. */
  protected QsException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the same request may succeed if sent again later (a transport failure, a busy
   * server). The SDK retries such failures itself where that is safe; a caller seeing one has
   * exhausted the {@link RetryPolicy}.
   */
  public boolean retryable() {
    return false;
  }
}
