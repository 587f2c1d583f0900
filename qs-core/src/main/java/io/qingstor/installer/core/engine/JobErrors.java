package io.qingstor.installer.core.engine;

import java.util.List;

/** How a job's {@code error} names nodes: every one up to a limit, then how many more. */
final class JobErrors {
  /** Nodes named before the rest is counted: a 500-node failure stays one readable line. */
  static final int MAX_NAMED = 10;

  private JobErrors() {}

  /** "n-1 (why), n-2 (why)" or, past the limit, "n-1 (why), ... n-10 (why) and 490 more". */
  static String nodeList(List<String> described) {
    if (described.size() <= MAX_NAMED) {
      return String.join(", ", described);
    }
    return String.join(", ", described.subList(0, MAX_NAMED)) + " and "
        + (described.size() - MAX_NAMED) + " more (see the step's log)";
  }
}
