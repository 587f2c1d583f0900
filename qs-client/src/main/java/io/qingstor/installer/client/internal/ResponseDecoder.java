package io.qingstor.installer.client.internal;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.ErrorResponseException;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.MalformedResponseException;
import io.qingstor.installer.client.QsClientException;
import io.qingstor.installer.client.QsServiceException;
import java.util.Set;

/**
 * Decodes a response body into the action's typed response. The one place where the codec's
 * failures become SDK exceptions: an error envelope becomes a {@link QsServiceException}, a body
 * that is not a response envelope a {@link QsClientException}.
 */
public final class ResponseDecoder {
  /** Gateway statuses: a non-JSON body with one of them is a proxy's, and worth retrying. */
  private static final Set<Integer> GATEWAY_STATUSES = Set.of(502, 503, 504);

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
    } catch (ErrorResponseException e) {
      throw QsServiceException.from(e.envelope(), response.httpStatus(), e);
    } catch (MalformedResponseException e) {
      throw new QsClientException("malformed " + action.responseName() + " (HTTP "
          + response.httpStatus() + "): " + e.getMessage(), e,
          GATEWAY_STATUSES.contains(response.httpStatus()));
    }
  }
}
