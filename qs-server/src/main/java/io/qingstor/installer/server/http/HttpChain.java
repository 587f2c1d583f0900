package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.server.auth.Authenticator;
import io.qingstor.installer.server.dispatch.AccessPolicy;
import io.qingstor.installer.server.dispatch.ActionDispatcher;
import io.undertow.server.HttpHandler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * Assembles the server's handlers, each wrapping the next:
 *
 * <pre>
 * access log (request id, one line per request)
 *   exception mapping  (I/O thread: 413, and 5100 when the gate is full or closed)
 *     body buffering  (I/O thread, non-blocking: a slow body holds no worker and no permit;
 *                      large bodies within a global budget, else 5100 and close)
 *       bounded dispatch to the request pool (responses sent without blocking)
 *         exception mapping  (worker: every other failure)
 *           router: POST / -> API, GET /healthz -> health, else 1100
 *             (an answer that waits for news is held without a worker: HeldResponses)
 * </pre>
 *
 * All exception mappings are the same {@link ExceptionMappingHandler}: one mapping, applied on
 * either side of the thread hop and in the body's callbacks, since an exception thrown on a worker
 * or in a callback cannot reach a handler that already returned on the I/O thread.
 */
public final class HttpChain {
  private HttpChain() {}

  /**
   * The parts the chain is built from; a request body must arrive within {@code bodyTimeout}
   * once its headers have, and bodies over 16 KiB share {@code bodyBudgetBytes} (see {@link
   * BodyBudget}); requests from addresses {@code prioritySource} names may use the gate's
   * reserve.
   */
  public record Parts(JsonCodec codec, Authenticator authenticator, AccessPolicy policy,
      ActionDispatcher dispatcher, RequestGate gate, Predicate<String> prioritySource,
      Executor pool, long bodyLimitBytes, long bodyBudgetBytes, Duration bodyTimeout) {
    /** Validates that every part is present. */
    public Parts {
      requireNonNull(codec, "codec");
      requireNonNull(authenticator, "authenticator");
      requireNonNull(policy, "policy");
      requireNonNull(dispatcher, "dispatcher");
      requireNonNull(gate, "gate");
      requireNonNull(prioritySource, "prioritySource");
      requireNonNull(pool, "pool");
      requireNonNull(bodyTimeout, "bodyTimeout");
    }
  }

  /** Returns the root handler over {@code parts}. */
  public static HttpHandler build(Parts parts) {
    JsonResponses responses = new JsonResponses(parts.codec());
    ExceptionMappingHandler mapping =
        new ExceptionMappingHandler(new ErrorMapper(parts.bodyLimitBytes()), responses);
    ApiHandler api = new ApiHandler(parts.codec(), parts.authenticator(), parts.policy(),
        parts.dispatcher(), responses, new HeldResponses(parts.gate(), responses, mapping));
    Router router = new Router(api, new HealthHandler(responses));
    HttpHandler dispatch =
        new BoundedDispatchHandler(parts.gate(), parts.prioritySource(), parts.pool(),
            mapping.around(router));
    HttpHandler buffering = new BodyBufferingHandler(parts.bodyLimitBytes(), parts.bodyTimeout(),
        new BodyBudget(parts.bodyBudgetBytes()), mapping, dispatch);
    return new AccessLogHandler(mapping.around(buffering));
  }
}
