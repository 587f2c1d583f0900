package io.qingstor.installer.core.ansible;

import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.exec.OutputListener;
import io.qingstor.installer.core.exec.StreamKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns ansible-playbook's output into log lines as it arrives (task results per host, the
 * recap), counts progress, and at the end decides each host's outcome: from the recap when the
 * run finished, otherwise every host that had not failed yet ends as the run did (timed out,
 * cancelled, or failed with the run's own error).
 */
final class EventSink implements OutputListener {
  private final PlaybookListener listener;
  private final List<String> limit;
  private final UnaryOperator<String> scrub;
  private final Map<String, HostResult> failures = new HashMap<>();
  private final Map<String, String> failedItems = new HashMap<>();
  private AnsibleEvent.Recap recap;
  private String lastError;
  private int done;
  private int total;

  EventSink(PlaybookListener listener, List<String> limit, UnaryOperator<String> scrub) {
    this.listener = listener;
    this.limit = limit;
    this.scrub = scrub;
  }

  @Override
  public synchronized void onLine(StreamKind stream, String raw) {
    String line = scrub.apply(raw);
    if (stream == StreamKind.STDERR) {
      if (!line.isBlank()) {
        lastError = line.strip();
      }
      listener.line(null, "stderr", line);
      return;
    }
    AnsibleEvents.parse(line).ifPresentOrElse(this::onEvent,
        () -> listener.line(null, "stdout", line));
  }

  private void onEvent(AnsibleEvent event) {
    if (event instanceof AnsibleEvent.PlayStarted play) {
      total += play.tasks() * play.hosts().size();
      listener.line(null, "info", "play " + play.name() + ": " + play.hosts().size()
          + " host(s), " + play.tasks() + " task(s)");
      listener.progress(done, Math.max(done, total));
    } else if (event instanceof AnsibleEvent.TaskResult task) {
      onTask(task);
    } else if (event instanceof AnsibleEvent.Notice notice) {
      listener.line(null, "info", notice.msg());
    } else if (event instanceof AnsibleEvent.Recap r) {
      recap = r;
      r.hosts().forEach((host, stats) -> listener.line(host,
          stats.failures() + stats.unreachable() > 0 ? "error" : "info",
          "recap: " + stats.describe()));
    }
  }

  private void onTask(AnsibleEvent.TaskResult task) {
    boolean bad = task.status().equals("failed") || task.status().equals("unreachable");
    String text = task.status() + (task.ignored() ? " (ignored)" : "") + ": " + task.task()
        + (task.label() == null ? "" : " (item " + task.label() + ")")
        + (task.msg() == null ? "" : ": " + task.msg());
    listener.line(task.host(), bad && !task.ignored() ? "error" : "info", text);
    task.stdout().forEach(l -> listener.line(task.host(), "stdout", l));
    task.stderr().forEach(l -> listener.line(task.host(), "stderr", l));
    if (task.item() && task.status().equals("failed") && !task.ignored()) {
      failedItems.put(task.host(), "item " + task.label() + ": " + task.failure());
    }
    if (task.hostFailed()) {
      HostResult failed = task.status().equals("unreachable")
          ? new HostResult(Outcome.UNREACHABLE, "unreachable: " + unreachable(task.msg()))
          : new HostResult(Outcome.FAILED, "task \"" + task.task() + "\" failed: "
              + oneLine(failedItems.getOrDefault(task.host(), task.failure())));
      failures.put(task.host(), failed);
      listener.hostFailed(task.host(), failed);
    }
    if (!task.item()) {
      done++;
      listener.progress(done, Math.max(done, total));
    }
  }

  /** Each host's outcome, once the command ended with {@code result}. */
  synchronized PlaybookResult result(CommandResult result) {
    Map<String, HostResult> hosts = new LinkedHashMap<>();
    for (String host : limit) {
      HostResult failed = failures.get(host);
      if (failed != null) {
        hosts.put(host, failed);
      } else if (result.outcome() == Outcome.TIMED_OUT || result.outcome() == Outcome.CANCELLED) {
        hosts.put(host, new HostResult(result.outcome(), result.detail()));
      } else if (recap != null) {
        AnsibleEvent.HostStats stats = recap.hosts().get(host);
        hosts.put(host, stats == null
            ? new HostResult(Outcome.SUCCEEDED, "no play targets this host")
            : fromRecap(stats));
      } else {
        hosts.put(host, new HostResult(Outcome.FAILED, "ansible-playbook " + result.detail()
            + (lastError == null ? "" : ": " + lastError)));
      }
    }
    return new PlaybookResult(hosts, result.exitCode());
  }

  private static HostResult fromRecap(AnsibleEvent.HostStats stats) {
    if (stats.unreachable() > 0) {
      return new HostResult(Outcome.UNREACHABLE, "unreachable");
    }
    if (stats.failures() > 0) {
      return new HostResult(Outcome.FAILED, stats.failures() + " task(s) failed");
    }
    return new HostResult(Outcome.SUCCEEDED, stats.describe());
  }

  /**
   * SSH's own reason, which comes last in its output (after banners of {@code @}), with advice
   * when the host key changed.
   */
  private static String unreachable(String msg) {
    if (msg == null) {
      return "no message";
    }
    List<String> lines = msg.lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("@")).toList();
    String last = lines.isEmpty() ? msg.strip() : lines.get(lines.size() - 1);
    if (msg.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")) {
      return last + " (its host key differs from the one in the installer's known_hosts; if the"
          + " node was reinstalled, remove its line there)";
    }
    return oneLine(last);
  }

  private static String oneLine(String msg) {
    if (msg == null) {
      return "no message";
    }
    String first = msg.strip().lines().findFirst().orElse("");
    return first.length() > 300 ? first.substring(0, 300) + "..." : first;
  }
}
