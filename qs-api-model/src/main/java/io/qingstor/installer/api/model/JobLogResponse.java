package io.qingstor.installer.api.model;

import io.qingstor.installer.api.ApiResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answer to the log actions: {@code log}, keyed by step ({@code step0}, ...), in step order. */
public record JobLogResponse(Map<String, StepLog> log) implements ApiResponse {
  public JobLogResponse {
    log = log == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(log));
  }
}
