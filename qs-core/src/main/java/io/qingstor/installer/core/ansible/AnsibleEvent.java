package io.qingstor.installer.core.ansible;

import java.util.List;
import java.util.Map;

/** One event of the {@code qs_jsonl} callback plugin: a play, a task result, a notice, the recap. */
sealed interface AnsibleEvent {
  /** A play starts on {@code hosts} with about {@code tasks} tasks each. */
  record PlayStarted(String name, List<String> hosts, int tasks) implements AnsibleEvent {
    public PlayStarted {
      hosts = List.copyOf(hosts);
    }
  }

  /**
   * A task's result on one host.
   *
   * @param status ok, changed, failed, unreachable or skipped
   * @param item true for one item of a loop (the task's own result follows)
   * @param ignored a failure the play ignores ({@code ignore_errors})
   * @param rc the exit status of a command task, or null
   */
  record TaskResult(String host, String task, String status, String msg, String label,
      boolean item, boolean ignored, List<String> stdout, List<String> stderr, Integer rc)
      implements AnsibleEvent {
    public TaskResult {
      stdout = List.copyOf(stdout);
      stderr = List.copyOf(stderr);
    }

    /** A failure that counts: the host stops there. */
    /** Why the task failed: the command's exit status and last error line, else its message. */
    String failure() {
      if (rc != null && rc != 0 && !stderr.isEmpty()) {
        return "exit " + rc + ": " + stderr.get(stderr.size() - 1);
      }
      return msg == null ? "no message" : msg;
    }

    boolean hostFailed() {
      return !ignored && !item && (status.equals("failed") || status.equals("unreachable"));
    }
  }

  /** Something about the play as a whole (no hosts matched). */
  record Notice(String msg) implements AnsibleEvent {}

  /** The play recap: each host's counters. */
  record Recap(Map<String, HostStats> hosts) implements AnsibleEvent {
    public Recap {
      hosts = Map.copyOf(hosts);
    }
  }

  /** One host's line of the play recap. */
  record HostStats(int ok, int changed, int unreachable, int failures, int skipped, int rescued,
      int ignored) {
    String describe() {
      return "ok=" + ok + " changed=" + changed + " unreachable=" + unreachable + " failed="
          + failures + " skipped=" + skipped + " rescued=" + rescued + " ignored=" + ignored;
    }
  }
}
