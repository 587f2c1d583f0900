package io.qingstor.installer.core.config;

import io.qingstor.installer.api.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Collects the errors and warnings of one validation pass, in the order found. */
final class Problems {
  private final List<FieldError> errors = new ArrayList<>();
  private final List<FieldError> warnings = new ArrayList<>();

  void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  void warn(String field, String message) {
    warnings.add(new FieldError(field, message));
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** The check of this pass: {@code config} is kept only when no error was found. */
  ConfigCheck toCheck(PlatformConfig config, List<String> ipsToRegister) {
    return new ConfigCheck(hasErrors() ? null : config, ipsToRegister, errors, warnings);
  }
}
