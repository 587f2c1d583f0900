package io.qingstor.installer.core.plan;

/** A plan file that cannot be used; the message names the file, the step and the field. */
public final class PlanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PlanException(String message) {
    super(message);
  }

  public PlanException(String message, Throwable cause) {
    super(message, cause);
  }
}
