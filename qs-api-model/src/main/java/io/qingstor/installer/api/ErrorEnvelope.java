package io.qingstor.installer.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What an error response says, exactly as sent: the ret_code number (also one this version does
 * not know), the error name and human detail of its {@code "ErrorName, detail"} message, every
 * field error and the server's request id. The server encodes its failures through it and the
 * SDK builds its exception from it, so the envelope is read in one place.
 *
 * @param retCode the ret_code number as sent, never 0
 * @param errorName the name that starts the message, e.g. {@code InvalidRequest}
 * @param detail the human part of the message, after the name
 * @param errors every field problem, empty when none
 * @param requestId the server's request id, or null when it sent none
 */
public record ErrorEnvelope(
    int retCode, String errorName, String detail, List<FieldError> errors, String requestId) {
  public ErrorEnvelope {
    if (retCode == RetCode.OK.code()) {
      throw new IllegalArgumentException("an error envelope cannot carry ret_code 0");
    }
    requireNonNull(errorName, "errorName");
    requireNonNull(detail, "detail");
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** The envelope a failure is answered with; the request id only when given. */
  public static ErrorEnvelope of(QsApiException failure, String requestId) {
    return new ErrorEnvelope(failure.retCode().code(), failure.retCode().errorName(),
        failure.detail(), failure.errors(), requestId);
  }

  /** The ret_code, when it is one of this version's table. */
  public Optional<RetCode> knownRetCode() {
    return RetCode.fromCode(retCode);
  }

  /** The wire {@code message}: {@code "ErrorName, detail"}. */
  public String message() {
    return errorName + ", " + detail;
  }
}
