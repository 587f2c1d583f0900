package io.qingstor.installer.bench;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.exec.Shell;
import java.util.List;

/**
 * The 3-task step as one script per node, the same work as the benchmark's playbook: make the
 * node's directory (a command), write a small file into it (the copy), and print it back (the
 * read). The file goes to {@code $HOME/qsbench-step/<nodeId>/payload.txt}, one directory per
 * node because every benchmark node is the same account on the same machine.
 */
final class StepScript {

  private static final String END = "QS_BENCH_PAYLOAD_END";

  private final String payload;
  private final List<String> payloadLines;

  /**
   * A step copying {@code payload}, a text ending with a newline.
   *
   * @throws IllegalArgumentException if the payload does not end with a newline or holds the
   *     here-document terminator as a line
   */
  StepScript(String payload) {
    this.payload = requireNonNull(payload, "payload");
    if (!payload.endsWith("\n")) {
      throw new IllegalArgumentException("the payload must end with a newline");
    }
    this.payloadLines = List.of(payload.substring(0, payload.length() - 1).split("\n", -1));
    if (payloadLines.contains(END)) {
      throw new IllegalArgumentException("the payload must not contain the line " + END);
    }
  }

  /** Returns the script for {@code node}. */
  String scriptFor(NodeTarget node) {
    return "d=\"$HOME\"/qsbench-step/" + Shell.quote(node.nodeId()) + "\n"
        + "mkdir -p \"$d\"\n"
        + "cat > \"$d/payload.txt\" <<'" + END + "'\n"
        + payload
        + END + "\n"
        + "cat \"$d/payload.txt\"\n";
  }

  /** Returns null when {@code lines} are the payload read back, else what differs. */
  String problem(NodeTarget node, List<String> lines) {
    if (lines.equals(payloadLines)) {
      return null;
    }
    return "read back " + lines.size() + " lines, expected the " + payloadLines.size() + " payload lines";
  }
}
