package io.qingstor.installer.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that prints without end has its output cut at the cap with one marker line, its
 * command stopped, and its result failed with a clear reason: neither memory nor the step log
 * grows with what it prints.
 */
class OutputCapTest {
  private static final long CAP = 1024 * 1024;
  /** Prints 4,000-byte lines for ever: the flood of the issue, in miniature. */
  private static final String FLOOD =
      "line=$(printf '%04000d' 0); while :; do printf '%s\\n' \"$line\"; done";

  @TempDir Path dir;

  @Test
  void aNodeFloodingOverSshIsCutAtTheCapAndItsCommandFails() throws Exception {
    try (SandboxNode node = SandboxNode.start("flood", "127.0.10.4", "qs", "pw");
        SshExecutor ssh = SshExecutor.builder().knownHostsFile(dir.resolve("known_hosts"))
            .killGrace(Duration.ofSeconds(1)).maxOutputBytes(CAP).build()) {
      assertCutAndFailed(ssh, SandboxTargets.of(node));
    }
  }

  @Test
  void aLocalFloodIsCutAtTheCapAndItsCommandFails() {
    try (LocalExecutor local = new LocalExecutor(Duration.ofSeconds(1), CAP)) {
      assertCutAndFailed(local, NodeTarget.local("firstbox"));
    }
  }

  private static void assertCutAndFailed(NodeExecutor executor, NodeTarget target) {
    CountingListener output = new CountingListener();

    CommandResult result = executor.execute(target, FLOOD, Duration.ofMinutes(2), output,
        new Cancellation());

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.detail()).contains("output exceeded 1 MiB");
    assertThat(output.bytes).isBetween(CAP - 8_192, CAP);
    assertThat(output.markers).isEqualTo(1);
    assertThat(output.last).startsWith("[output cut: more than 1 MiB");
  }

  /** Counts what it receives instead of keeping it. */
  private static final class CountingListener implements OutputListener {
    long bytes;
    int markers;
    String last;

    @Override
    public synchronized void onLine(StreamKind stream, String line) {
      if (line.startsWith("[output cut")) {
        markers++;
      } else {
        bytes += line.length() + 1;
      }
      last = line;
    }
  }
}
