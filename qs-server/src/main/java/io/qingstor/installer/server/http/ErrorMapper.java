package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.server.auth.AuthenticationException;
import io.undertow.server.RequestTooBigException;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become ret_codes:
 *
 * <ul>
 *   <li>{@link QsApiException} (codec, core, users, policy): as it is;
 *   <li>{@link AuthenticationException}: 1200 with its one message, whatever the reason;
 *   <li>a body over the limit (ours or Undertow's {@code MAX_ENTITY_SIZE}): 1100 with HTTP 413;
 *   <li>any other {@link IOException} while reading the request: 1100 (the client's fault);
 *   <li>anything else: 5000 whose message carries only the request id; the stack trace goes to
 *       the server log under that id, never to the client.
 * </ul>
 */
final class ErrorMapper {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

  private final long bodyLimitBytes;

  ErrorMapper(long bodyLimitBytes) {
    this.bodyLimitBytes = bodyLimitBytes;
  }

  /** Returns the wire failure for {@code failure}, logging internal errors with the request id. */
  QsApiException map(Throwable failure, RequestContext context) {
    requireNonNull(failure, "failure");
    if (failure instanceof QsApiException) {
      return (QsApiException) failure;
    }
    if (failure instanceof AuthenticationException) {
      context.authFailure(((AuthenticationException) failure).reason().name());
      return new QsApiException(RetCode.AUTH_FAILURE, AuthenticationException.MESSAGE);
    }
    if (failure instanceof BodyTooLargeException || failure instanceof RequestTooBigException) {
      return new QsApiException(RetCode.INVALID_REQUEST,
          "the request body exceeds the limit of " + bodyLimitBytes + " bytes", List.of(), 413,
          null, null);
    }
    if (failure instanceof IOException) {
      return new QsApiException(RetCode.INVALID_REQUEST,
          "the request body could not be read: " + failure.getClass().getSimpleName());
    }
    log.error("internal error request_id={} action={}", context.requestId(),
        context.action() == null ? "-" : context.action().wireName(), failure);
    return new QsApiException(RetCode.INTERNAL_ERROR,
        "an internal error occurred; the server log has the details under request_id "
            + context.requestId());
  }
}
