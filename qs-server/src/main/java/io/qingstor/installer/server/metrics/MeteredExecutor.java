package io.qingstor.installer.server.metrics;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.CommandResult;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeFiles;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.exec.OutputListener;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * A {@link NodeExecutor} that reports each command's duration and outcome, and for an SSH
 * executor why a node could not be reached, then answers exactly as the executor it wraps.
 */
public final class MeteredExecutor implements NodeExecutor {
  /** What qs-core's SSH connector puts before every connection failure's reason. */
  private static final String CONNECT_FAILURE = "cannot connect to ";

  private final NodeExecutor executor;
  private final String name;
  private final ServerMetrics metrics;

  /**
   * Wraps {@code executor}.
   *
   * @param name the {@code executor} label: {@code ssh} or {@code local}
   */
  public MeteredExecutor(NodeExecutor executor, String name, ServerMetrics metrics) {
    this.executor = requireNonNull(executor, "executor");
    this.name = requireNonNull(name, "name");
    this.metrics = requireNonNull(metrics, "metrics");
  }

  @Override
  public CommandResult execute(NodeTarget node, String script, Duration timeout,
      OutputListener output, Cancellation cancellation) {
    CommandResult result = executor.execute(node, script, timeout, output, cancellation);
    metrics.nodeCommand(name, result.outcome(), result.elapsed());
    if (result.outcome() == Outcome.UNREACHABLE && result.detail() != null
        && result.detail().startsWith(CONNECT_FAILURE)) {
      metrics.sshConnectFailure(connectFailureReason(result.detail()));
    }
    return result;
  }

  /** A small fixed set of reasons, so a label never carries an address or free text. */
  static String connectFailureReason(String detail) {
    String text = detail.toLowerCase(Locale.ROOT);
    if (text.contains("timed out")) {
      return "timeout";
    }
    if (text.contains("refused")) {
      return "refused";
    }
    if (text.contains("host key")) {
      return "host_key";
    }
    if (text.contains("auth") || text.contains("password") || text.contains("key")) {
      return "auth";
    }
    if (text.contains("unknown host") || text.contains("unresolved")
        || text.contains("no route") || text.contains("unreachable")) {
      return "no_route";
    }
    return "other";
  }

  @Override
  public NodeFiles openFiles(NodeTarget node, Cancellation cancellation) throws IOException {
    return executor.openFiles(node, cancellation);
  }

  @Override
  public void close() {
    executor.close();
  }
}
