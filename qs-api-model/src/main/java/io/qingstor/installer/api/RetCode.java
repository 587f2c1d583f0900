package io.qingstor.installer.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ret_code of every response (QingCloud's convention) and the HTTP status that mirrors it.
 */
public enum RetCode {
  OK(0, "", 200),
  INVALID_REQUEST(1100, "InvalidRequest", 400),
  AUTH_FAILURE(1200, "AuthFailure", 401),
  PERMISSION_DENIED(1400, "PermissionDenied", 403),
  RESOURCE_NOT_FOUND(2100, "ResourceNotFound", 404),
  RESOURCE_BUSY(2500, "ResourceBusy", 409),
  INTERNAL_ERROR(5000, "InternalError", 500),
  SERVER_BUSY(5100, "ServerBusy", 503);

  private final int code;
  private final String errorName;
  private final int httpStatus;

  RetCode(int code, String errorName, int httpStatus) {
    this.code = code;
    this.errorName = errorName;
    this.httpStatus = httpStatus;
  }

  /** The numeric ret_code on the wire. */
  public int code() {
    return code;
  }

  /** The name that starts a failure's {@code message}, e.g. {@code InvalidRequest}; empty for OK. */
  public String errorName() {
    return errorName;
  }

  /** The HTTP status a response with this ret_code is sent with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The RetCode with this numeric code, if it is one of the table's. */
  public static Optional<RetCode> fromCode(int code) {
    return Arrays.stream(values()).filter(r -> r.code == code).findFirst();
  }
}
