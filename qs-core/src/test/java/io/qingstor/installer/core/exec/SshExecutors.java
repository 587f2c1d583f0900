package io.qingstor.installer.core.exec;

import java.nio.file.Path;
import java.time.Duration;

/** Executors configured for fast tests. */
final class SshExecutors {

  private SshExecutors() {
  }

  static SshExecutor forTests(Path knownHosts) {
    return SshExecutor.builder()
        .knownHostsFile(knownHosts)
        .connectTimeout(Duration.ofSeconds(5))
        .authTimeout(Duration.ofSeconds(10))
        .killGrace(Duration.ofSeconds(1))
        .heartbeatInterval(Duration.ofSeconds(2))
        .build();
  }
}
