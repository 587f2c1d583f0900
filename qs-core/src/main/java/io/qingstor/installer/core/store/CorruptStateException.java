package io.qingstor.installer.core.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Thrown when a state file exists but cannot be used; its message names the file and what to do.
 *
 * <p>The store throws it for files it cannot read as state (a directory in place of a file, an
 * oversize file, a malformed step-log line); callers throw it when a file's content does not
 * decode. The detail should say what is wrong and what the operator can do about it.
 */
public final class CorruptStateException extends RuntimeException {

  private final transient Path file;

  /**
   * Creates the exception for {@code file}; {@code detail} says what is wrong and what to do.
   *
   * @throws NullPointerException if {@code file} or {@code detail} is null
   */
  public CorruptStateException(Path file, String detail) {
    this(file, detail, null);
  }

  /**
   * Creates the exception for {@code file} with the failure that revealed the damage.
   *
   * @throws NullPointerException if {@code file} or {@code detail} is null
   */
  public CorruptStateException(Path file, String detail, Throwable cause) {
    super("Unusable state file " + requireNonNull(file, "file") + ": " + requireNonNull(detail, "detail"), cause);
    this.file = file;
  }

  /** Returns the file that cannot be used. */
  public Path file() {
    return file;
  }
}
