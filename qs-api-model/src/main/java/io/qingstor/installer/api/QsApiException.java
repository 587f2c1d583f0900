package io.qingstor.installer.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A failure that has a ret_code: thrown by the core and the codec, turned into the error
 * envelope by the server, and rebuilt from that envelope by the codec on the client side.
 *
 * <p>{@link #getMessage()} is the wire {@code message}: {@code "ErrorName, detail"}.
 */
public class QsApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final RetCode retCode;
  private final String detail;
  private final List<FieldError> errors;
  private final int httpStatus;
  private final String requestId;

  /** A failure with a detail and no field errors. */
  public QsApiException(RetCode retCode, String detail) {
    this(retCode, detail, List.of(), retCode.httpStatus(), null, null);
  }

  /** A failure with field errors (validation). */
  public QsApiException(RetCode retCode, String detail, List<FieldError> errors) {
    this(retCode, detail, errors, retCode.httpStatus(), null, null);
  }

  /** The full form, for the server's special statuses (413) and for rebuilt client-side errors. */
  public QsApiException(
      RetCode retCode, String detail, List<FieldError> errors, int httpStatus, String requestId,
      Throwable cause) {
    super(requireNonNull(retCode, "retCode").errorName() + ", " + requireNonNull(detail, "detail"),
        cause);
    if (retCode == RetCode.OK) {
      throw new IllegalArgumentException("an exception cannot carry ret_code 0");
    }
    this.retCode = retCode;
    this.detail = detail;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.httpStatus = httpStatus;
    this.requestId = requestId;
  }

  /** An InvalidRequest naming one field. */
  public static QsApiException invalidField(String field, String message) {
    return new QsApiException(RetCode.INVALID_REQUEST, field + ": " + message,
        List.of(new FieldError(field, message)));
  }

  /** An InvalidRequest listing every problem found. */
  public static QsApiException invalid(String detail, List<FieldError> errors) {
    return new QsApiException(RetCode.INVALID_REQUEST, detail, errors);
  }

  public RetCode retCode() {
    return retCode;
  }

  /** The human part of the message, without the error name. */
  public String detail() {
    return detail;
  }

  /** Every field problem, empty when the failure is not about fields. */
  public List<FieldError> errors() {
    return errors;
  }

  /** The HTTP status to answer with; usually {@code retCode().httpStatus()}. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The server's request id, when the failure came from a server that assigned one. */
  public String requestId() {
    return requestId;
  }
}
