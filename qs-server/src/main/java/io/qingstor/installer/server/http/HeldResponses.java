package io.qingstor.installer.server.http;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.server.dispatch.HeldAnswer;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends a {@link HeldAnswer}. A ready one is sent like any answer. One that waits for news (a log
 * request with {@code wait_seconds}) is held without a thread: the worker returns at once, the
 * request trades its place in the {@link RequestGate} for a held place (5100 when those are all
 * taken), and the answer is sent from whichever thread completes it, through the I/O thread.
 * The held place is given back once the exchange has completed.
 */
final class HeldResponses {
  private final RequestGate gate;
  private final JsonResponses responses;
  private final ExceptionMappingHandler mapping;

  HeldResponses(RequestGate gate, JsonResponses responses, ExceptionMappingHandler mapping) {
    this.gate = requireNonNull(gate, "gate");
    this.responses = requireNonNull(responses, "responses");
    this.mapping = requireNonNull(mapping, "mapping");
  }

  /** Sends {@code held} now or once it completes; call from the handler, on a worker. */
  void send(HttpServerExchange exchange, Action action, HeldAnswer held) {
    CompletableFuture<? extends ApiResponse> answer = held.answer();
    if (answer.isDone()) {
      answer.whenComplete((response, failure) -> deliver(exchange, action, response, failure));
      return;
    }
    if (!gate.tryHold()) {
      throw new QsApiException(RetCode.SERVER_BUSY,
          "too many requests are waiting for log lines; retry shortly");
    }
    exchange.addExchangeCompleteListener((done, nextListener) -> {
      try {
        gate.exitHeld();
      } finally {
        nextListener.proceed();
      }
    });
    BoundedDispatchHandler.leaveWhileHeld(exchange);
    // Dispatched: the exchange stays open when the handler returns, and the task runs then.
    exchange.dispatch(SameThreadExecutor.INSTANCE,
        () -> answer.whenComplete((response, failure) -> deliver(exchange, action, response,
            failure)));
  }

  /** Runs where the answer completed: every failure is answered here, as JSON. */
  private void deliver(HttpServerExchange exchange, Action action, ApiResponse response,
      Throwable failure) {
    try {
      if (failure != null) {
        throw failure;
      }
      responses.success(exchange, action, response);
    } catch (Throwable t) { // as ExceptionMappingHandler: every failure becomes a JSON answer
      mapping.answer(exchange, t instanceof CompletionException && t.getCause() != null
          ? t.getCause() : t);
    }
  }
}
