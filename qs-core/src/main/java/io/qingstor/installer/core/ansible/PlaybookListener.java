package io.qingstor.installer.core.ansible;

/** Sees a playbook run as it happens: log lines (per host where they concern one) and progress. */
public interface PlaybookListener {
  /**
   * One log line.
   *
   * @param host the inventory host (node id) the line is about, or null for the run as a whole
   * @param stream {@code info}, {@code error}, {@code stdout} or {@code stderr}
   */
  void line(String host, String stream, String text);

  /** Task results received so far, out of those expected (an estimate that may grow). */
  void progress(int done, int total);

  /**
   * A host failed a task (or could not be reached), as the event stream says it: Ansible runs
   * nothing more on it in this run, and {@link PlaybookResult} will report it failed.
   */
  default void hostFailed(String host, HostResult result) {}
}
