package io.qingstor.installer.server.dispatch;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.ApiResponse;
import java.util.concurrent.CompletableFuture;

/**
 * An answer that may not be ready yet (a log request waiting for news): the HTTP layer sends it
 * once {@code answer} completes, holding no thread meanwhile. Never encoded itself.
 */
public record HeldAnswer(CompletableFuture<? extends ApiResponse> answer) implements ApiResponse {
  /** Requires the answer. */
  public HeldAnswer {
    requireNonNull(answer, "answer");
  }
}
