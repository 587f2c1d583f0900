package io.qingstor.installer.api;

import static java.util.Objects.requireNonNull;

/**
 * One problem with one field of a request, named by its JSON path
 * ({@code storage_nodes[0].replica}); also used for warnings.
 */
public record FieldError(String field, String message) {
  public FieldError {
    requireNonNull(field, "field");
    requireNonNull(message, "message");
  }
}
