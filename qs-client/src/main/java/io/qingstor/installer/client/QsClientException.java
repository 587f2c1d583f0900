package io.qingstor.installer.client;

/**
 * No usable answer came back: the server could not be reached, the connection broke, a timeout
 * expired, or the response was not a response of the protocol. The cause is the underlying
 * failure.
 */
public class QsClientException extends QsException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /**
   * A client-side failure.
   *
   * @param retryable whether sending the request again may succeed
   */
  public QsClientException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** True for transport failures and timeouts; false for malformed responses and interruption. */
  @Override
  public boolean retryable() {
    return retryable;
  }
}
