package io.qingstor.installer.core.store;

import java.io.IOException;

/**
 * Thrown by {@link DurableFiles#write} instead of writing a file larger than {@link
 * DurableFiles#read} accepts: a state that could not be read back would stop the next start.
 * Nothing was written.
 */
public final class StateTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long limit;

  StateTooLargeException(String file, long size, long limit) {
    super(file + " would be " + size + " bytes, more than a state file may hold (" + limit
        + "); nothing was written");
    this.size = size;
    this.limit = limit;
  }

  /** The size the file would have had. */
  public long size() {
    return size;
  }

  /** The largest state file. */
  public long limit() {
    return limit;
  }
}
