package io.qingstor.installer.api;

import static java.util.Objects.requireNonNull;

/**
 * A response that is an error envelope, as the codec decoded it. Its {@link #retCode()} is
 * {@link RetCode#INTERNAL_ERROR} for a number this version does not know; {@link #envelope()}
 * keeps the number and name exactly as sent.
 */
public final class ErrorResponseException extends QsApiException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorEnvelope envelope;

  /** The failure an error envelope reports. */
  public ErrorResponseException(ErrorEnvelope envelope) {
    super(requireNonNull(envelope, "envelope").knownRetCode().orElse(RetCode.INTERNAL_ERROR),
        envelope.detail(), envelope.errors(),
        envelope.knownRetCode().orElse(RetCode.INTERNAL_ERROR).httpStatus(),
        envelope.requestId(), null);
    this.envelope = envelope;
  }

  /** The envelope exactly as sent. */
  public ErrorEnvelope envelope() {
    return envelope;
  }
}
