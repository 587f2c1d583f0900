package io.qingstor.installer.client.internal;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiRequest;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.Credentials;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.PlatformChanging;
import io.qingstor.installer.client.QsClientException;
import io.qingstor.installer.client.QsException;
import io.qingstor.installer.client.RetryPolicy;
import io.qingstor.installer.client.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.DoubleSupplier;

/**
 * Calls one action: encodes the request with the credentials, sends it, decodes the answer, and
 * resends it under the {@link RetryPolicy} when {@link RetryRules} say that is safe. A
 * platform-changing request without a {@code client_token} gets one per logical call, so every
 * attempt of that call carries the same token.
 */
public final class ActionInvoker {
  /** Prefix of the tokens the SDK generates, so server logs tell them from callers' own. */
  public static final String CLIENT_TOKEN_PREFIX = "qsc-";

  private final JsonCodec codec;
  private final Credentials credentials;
  private final HttpTransport transport;
  private final ResponseDecoder decoder;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier jitter;

  /**
   * An invoker.
   *
   * @param jitter random numbers in [0, 1) for the backoff's full jitter
   */
  public ActionInvoker(JsonCodec codec, Credentials credentials, HttpTransport transport,
      RetryPolicy retryPolicy, Sleeper sleeper, Clock clock, DoubleSupplier jitter) {
    this.codec = requireNonNull(codec, "codec");
    this.credentials = requireNonNull(credentials, "credentials");
    this.transport = requireNonNull(transport, "transport");
    this.decoder = new ResponseDecoder(codec);
    this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.clock = requireNonNull(clock, "clock");
    this.jitter = requireNonNull(jitter, "jitter");
  }

  /**
   * Calls {@code action} and returns its typed response.
   *
   * @throws IllegalArgumentException when the request is not of the action's request type
   * @throws QsException the last failure, once retries are exhausted or not safe
   */
  public <R extends ApiResponse> R invoke(Action action, ApiRequest request, Class<R> responseType) {
    return responseType.cast(invoke(action, request));
  }

  /** Like {@link #invoke(Action, ApiRequest, Class)}, typed by the action's catalogue entry. */
  public ApiResponse invoke(Action action, ApiRequest request) {
    requireNonNull(action, "action");
    requireNonNull(request, "request");
    if (!action.requestType().isInstance(request)) {
      throw new IllegalArgumentException(action.wireName() + " takes a "
          + action.requestType().getSimpleName() + ", not a " + request.getClass().getSimpleName());
    }
    ApiRequest sent = withClientToken(request);
    byte[] body = codec.encodeRequest(action, credentials, sent);
    for (int attempt = 1; ; attempt++) {
      RawResponse response = null;
      try {
        response = transport.post(body);
        return decoder.decode(action, response);
      } catch (QsException failure) {
        if (attempt >= retryPolicy.maxAttempts() || !RetryRules.mayRetry(action, sent, failure)) {
          throw failure;
        }
        pause(delayBeforeRetry(attempt, response), failure);
      }
    }
  }

  private static ApiRequest withClientToken(ApiRequest request) {
    if (request instanceof PlatformChanging) {
      PlatformChanging changing = (PlatformChanging) request;
      if (changing.clientToken() == null) {
        return changing.withClientToken(CLIENT_TOKEN_PREFIX + UUID.randomUUID());
      }
    }
    return request;
  }

  private Duration delayBeforeRetry(int attempt, RawResponse response) {
    if (response != null && response.httpStatus() == 503) {
      Duration asked = RetryAfter.parse(response.retryAfter(), clock).orElse(null);
      if (asked != null) {
        return asked.compareTo(retryPolicy.maxDelay()) > 0 ? retryPolicy.maxDelay() : asked;
      }
    }
    return retryPolicy.delayBeforeRetry(attempt, jitter.getAsDouble());
  }

  private void pause(Duration delay, QsException failure) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      QsClientException interrupted =
          new QsClientException("interrupted while waiting to retry", e, false);
      interrupted.addSuppressed(failure);
      throw interrupted;
    }
  }
}
