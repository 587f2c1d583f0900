package io.qingstor.installer.api;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job statuses of the wire: {@code pending} between a job's creation and its first step,
 * {@code stepN} while step N runs, then {@code successful} or {@code failed}.
 */
public final class JobStatuses {
  /** A job created and not yet in a step. */
  public static final String PENDING = "pending";
  /** The final status of a job that completed every step. */
  public static final String SUCCESSFUL = "successful";
  /** The final status of a job that failed or was cancelled. */
  public static final String FAILED = "failed";

  private static final Pattern STEP = Pattern.compile("step(0|[1-9][0-9]{0,8})");

  private JobStatuses() {}

  /** The status of step {@code index}: {@code step3}. */
  public static String step(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("a step index is 0 or more, not " + index);
    }
    return "step" + index;
  }

  /** The step index of a {@code stepN} status; empty for anything else. */
  public static OptionalInt stepIndex(String status) {
    if (status == null) {
      return OptionalInt.empty();
    }
    Matcher matcher = STEP.matcher(status);
    return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1)))
        : OptionalInt.empty();
  }

  /** True for {@code successful} and {@code failed}. */
  public static boolean isFinal(String status) {
    return SUCCESSFUL.equals(status) || FAILED.equals(status);
  }
}
