package io.qingstor.installer.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.FieldError;
import java.util.List;

/** The answer to {@code ConfigQingStor}: the config job, and warnings (present only when any). */
public record ConfigQingStorResponse(
    @JsonInclude(JsonInclude.Include.ALWAYS) String jobId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> warnings)
    implements ApiResponse {
  public ConfigQingStorResponse {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
