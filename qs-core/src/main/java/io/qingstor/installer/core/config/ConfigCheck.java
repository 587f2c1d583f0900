package io.qingstor.installer.core.config;

import io.qingstor.installer.api.FieldError;
import java.util.List;

/**
 * The outcome of one validation: every error and warning found in one pass, each naming its
 * field by JSON path ({@code storage_nodes[0].replica}).
 *
 * @param config the accepted config, or null when there are errors
 * @param ipsToRegister node references that are IPv4 addresses of no registered node, in first
 *     appearance order: the engine registers each (root, port 22, {@code ansible_ssh_pass}) and
 *     then calls {@link PlatformConfig#withNodeIdsReplaced}
 * @param errors the problems that reject the request; empty when it is accepted
 * @param warnings accepted but risky choices (no HA), returned on the success response
 */
public record ConfigCheck(
    PlatformConfig config,
    List<String> ipsToRegister,
    List<FieldError> errors,
    List<FieldError> warnings) {

  /**
   * Copies the lists.
   *
   * @throws IllegalArgumentException when a config comes with errors, or neither comes
   */
  public ConfigCheck {
    ipsToRegister = ipsToRegister == null ? List.of() : List.copyOf(ipsToRegister);
    errors = errors == null ? List.of() : List.copyOf(errors);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    if (errors.isEmpty() == (config == null)) {
      throw new IllegalArgumentException(
          "a ConfigCheck has a config exactly when it has no errors");
    }
  }

  /** True when the request is accepted: no errors, and {@link #config()} is set. */
  public boolean ok() {
    return errors.isEmpty();
  }
}
