package io.qingstor.installer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The ret_code table of the design, and the message form of failures. */
class RetCodeTest {
  @Test
  void tableMatchesTheDesign() {
    assertThat(RetCode.values()).extracting(RetCode::code, RetCode::errorName, RetCode::httpStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, "", 200),
            org.assertj.core.groups.Tuple.tuple(1100, "InvalidRequest", 400),
            org.assertj.core.groups.Tuple.tuple(1200, "AuthFailure", 401),
            org.assertj.core.groups.Tuple.tuple(1400, "PermissionDenied", 403),
            org.assertj.core.groups.Tuple.tuple(2100, "ResourceNotFound", 404),
            org.assertj.core.groups.Tuple.tuple(2500, "ResourceBusy", 409),
            org.assertj.core.groups.Tuple.tuple(5000, "InternalError", 500),
            org.assertj.core.groups.Tuple.tuple(5100, "ServerBusy", 503));
  }

  @Test
  void fromCodeFindsOnlyTableCodes() {
    assertThat(RetCode.fromCode(2500)).contains(RetCode.RESOURCE_BUSY);
    assertThat(RetCode.fromCode(42)).isEmpty();
  }

  @Test
  void messageIsNameCommaDetail() {
    assertThat(new QsApiException(RetCode.RESOURCE_NOT_FOUND, "job j-1 not found").getMessage())
        .isEqualTo("ResourceNotFound, job j-1 not found");
  }

  @Test
  void anExceptionCannotCarrySuccess() {
    assertThatThrownBy(() -> new QsApiException(RetCode.OK, "fine"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
