package io.qingstor.installer.client.internal;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/** The job statuses of the protocol: {@code stepN} while running, then a final one. */
public final class JobStatuses {
  /** The final status of a job that completed every step. */
  public static final String SUCCESSFUL = "successful";
  /** The final status of a job that failed or was cancelled. */
  public static final String FAILED = "failed";

  private static final Pattern STEP = Pattern.compile("step(\\d{1,9})");

  private JobStatuses() {}

  /** The step index of a {@code stepN} status; empty for anything else. */
  public static OptionalInt stepIndex(String status) {
    if (status == null) {
      return OptionalInt.empty();
    }
    var matcher = STEP.matcher(status);
    return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
  }

  /** The status of step {@code index}: {@code step3}. */
  public static String step(int index) {
    return "step" + index;
  }

  /** True for {@code successful} and {@code failed}. */
  public static boolean isFinal(String status) {
    return SUCCESSFUL.equals(status) || FAILED.equals(status);
  }
}
