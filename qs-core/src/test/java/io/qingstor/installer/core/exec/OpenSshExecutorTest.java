package io.qingstor.installer.core.exec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qingstor.installer.testing.OpenSshNode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH executor against a real OpenSSH {@code sshd} (key login, as operators run it): the
 * same {@link NodeExecutorContract} the in-process sandbox node passes. Skipped, with the
 * reason, where sshd is not installed.
 */
class OpenSshExecutorTest extends NodeExecutorContract {
  @TempDir static Path dataDir;
  private static OpenSshNode node;
  private static SshExecutor executor;

  @BeforeAll
  static void startNode() {
    Optional<String> unavailable = OpenSshNode.unavailableReason(OpenSshNode.currentUser());
    assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElseThrow());
    node = OpenSshNode.start("127.0.0.24");
    executor = SshExecutors.forTests(dataDir.resolve("known_hosts"));
  }

  @AfterAll
  static void stopNode() {
    if (executor != null) {
      executor.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Override
  NodeExecutor executor() {
    return executor;
  }

  @Override
  NodeTarget target() {
    return NodeTarget.withPrivateKey("openssh-1", node.host(), node.port(), node.user(),
        node.privateKey());
  }

  @Override
  NodeTarget unsuitableTarget() {
    return NodeTarget.local("x");
  }

  @Override
  NodeExecutor newExecutor() {
    return SshExecutors.forTests(dataDir.resolve("known_hosts-closed"));
  }
}
