package io.qingstor.installer.client;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.ErrorEnvelope;
import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.RetCode;
import java.util.List;

/**
 * The server answered with an error envelope: a non-zero {@code ret_code}, its
 * {@code "ErrorName, detail"} message, the field errors of a validation failure and the request
 * id the server logged it under.
 */
public class QsServiceException extends QsException {
  private static final long serialVersionUID = 1L;

  private final RetCode retCode;
  private final int retCodeValue;
  private final String errorName;
  private final String serverMessage;
  private final List<FieldError> fieldErrors;
  private final String requestId;
  private final int httpStatus;

  /**
   * An error answered by the server.
   *
   * @param retCode the ret_code, {@link RetCode#INTERNAL_ERROR} when the number is not known to
   *     this SDK version
   * @param retCodeValue the ret_code number exactly as sent
   * @param errorName the error name that starts the wire message, e.g. {@code InvalidRequest}
   * @param serverMessage the human detail after the error name
   * @param fieldErrors every field problem reported, possibly empty
   * @param requestId the server's request id, or null
   * @param httpStatus the HTTP status of the response
   * @param cause the decoding-level exception, or null
   */
  public QsServiceException(RetCode retCode, int retCodeValue, String errorName,
      String serverMessage, List<FieldError> fieldErrors, String requestId, int httpStatus,
      Throwable cause) {
    super(describe(errorName, retCodeValue, httpStatus, serverMessage, fieldErrors, requestId),
        cause);
    this.retCode = requireNonNull(retCode, "retCode");
    this.retCodeValue = retCodeValue;
    this.errorName = requireNonNull(errorName, "errorName");
    this.serverMessage = requireNonNull(serverMessage, "serverMessage");
    this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    this.requestId = requestId;
    this.httpStatus = httpStatus;
  }

  /**
   * The error an envelope reports, exactly as the server sent it.
   *
   * @param envelope the decoded error envelope
   * @param httpStatus the HTTP status of the response
   * @param cause the decoding-level exception, or null
   */
  public static QsServiceException from(ErrorEnvelope envelope, int httpStatus, Throwable cause) {
    return new QsServiceException(envelope.knownRetCode().orElse(RetCode.INTERNAL_ERROR),
        envelope.retCode(), envelope.errorName(), envelope.detail(), envelope.errors(),
        envelope.requestId(), httpStatus, cause);
  }

  /** The ret_code; {@link RetCode#INTERNAL_ERROR} for a number this SDK does not know. */
  public RetCode retCode() {
    return retCode;
  }

  /** The ret_code number as the server sent it. */
  public int retCodeValue() {
    return retCodeValue;
  }

  /** The error name, e.g. {@code ResourceBusy}. */
  public String errorName() {
    return errorName;
  }

  /** The server's human explanation, without the error name. */
  public String serverMessage() {
    return serverMessage;
  }

  /** Every field problem of a validation failure ({@code storage_nodes[0].replica}); else empty. */
  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  /** The id the server logged the failure under, or null when it sent none. */
  public String requestId() {
    return requestId;
  }

  /** The HTTP status of the response. */
  public int httpStatus() {
    return httpStatus;
  }

  /** True only for ServerBusy (5100): the server refused for now, not for good. */
  @Override
  public boolean retryable() {
    return retCode == RetCode.SERVER_BUSY;
  }

  private static String describe(String errorName, int code, int httpStatus, String detail,
      List<FieldError> errors, String requestId) {
    StringBuilder text = new StringBuilder()
        .append(errorName).append(" (ret_code ").append(code).append(", HTTP ").append(httpStatus)
        .append("): ").append(detail);
    if (errors != null && !errors.isEmpty()) {
      text.append("; errors:");
      for (FieldError error : errors) {
        text.append(' ').append(error.field()).append(": ").append(error.message()).append(';');
      }
    }
    if (requestId != null) {
      text.append(" [request_id ").append(requestId).append(']');
    }
    return text.toString();
  }
}
