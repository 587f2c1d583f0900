package io.qingstor.installer.core.plan;

/** A plan file that cannot be used; the message names the file, the step and the field. */
public final class PlanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal whose message names the file, the step and the field. */
  public PlanException(String message) {
    super(message);
  }

  /** The same, caused by a read or parse failure. */
  public PlanException(String message, Throwable cause) {
    super(message, cause);
  }
}
