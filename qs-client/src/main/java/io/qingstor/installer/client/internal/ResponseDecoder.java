package io.qingstor.installer.client.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.MalformedResponseException;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.client.QsClientException;
import io.qingstor.installer.client.QsServiceException;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a response body into the action's typed response. The one place where the codec's
 * failures become SDK exceptions: an error envelope becomes a {@link QsServiceException}, a body
 * that is not a response envelope a {@link QsClientException}.
 */
public final class ResponseDecoder {
  /** Gateway statuses: a non-JSON body with one of them is a proxy's, and worth retrying. */
  private static final Set<Integer> GATEWAY_STATUSES = Set.of(502, 503, 504);
  private static final Pattern NAMED_MESSAGE = Pattern.compile("([A-Za-z]+), (.*)", Pattern.DOTALL);

  private final JsonCodec codec;

  /** A decoder using the protocol's codec. */
  public ResponseDecoder(JsonCodec codec) {
    this.codec = requireNonNull(codec, "codec");
  }

  /**
   * The typed success of {@code action}.
   *
   * @throws QsServiceException when the body is an error envelope
   * @throws QsClientException when the body is not a response envelope of the protocol
   */
  public ApiResponse decode(Action action, RawResponse response) {
    try {
      return codec.decodeResponse(action, response.body());
    } catch (QsApiException e) {
      throw serviceException(e, response);
    } catch (MalformedResponseException e) {
      throw new QsClientException("malformed " + action.responseName() + " (HTTP "
          + response.httpStatus() + "): " + e.getMessage(), e,
          GATEWAY_STATUSES.contains(response.httpStatus()));
    }
  }

  private QsServiceException serviceException(QsApiException e, RawResponse response) {
    JsonNode envelope = envelope(response.body());
    int code = envelope.path("ret_code").asInt(e.retCode().code());
    String errorName = e.retCode().errorName();
    String detail = e.detail();
    if (RetCode.fromCode(code).isEmpty()) {
      // A ret_code newer than this SDK: keep whatever name the server gave it.
      Matcher named = NAMED_MESSAGE.matcher(envelope.path("message").asText(""));
      errorName = named.matches() ? named.group(1) : "UnknownError";
      detail = named.matches() ? named.group(2) : detail;
    }
    return new QsServiceException(e.retCode(), code, errorName, detail, e.errors(),
        e.requestId(), response.httpStatus(), e);
  }

  private JsonNode envelope(byte[] body) {
    try {
      return codec.mapper().readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("the codec already parsed this body", e);
    }
  }
}
