package io.qingstor.installer.server;

import java.nio.file.Path;
import java.time.Duration;

/** Options for in-process test servers: port 0 on loopback, cheap hashing, a known admin. */
final class TestServers {
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "test-admin-password";
  static final int ITERATIONS = 1_000;

  private TestServers() {}

  static ServerOptions.Builder options(Path dataDir) {
    return ServerOptions.builder()
        .bindAddress("127.0.0.1")
        .port(0)
        .dataDir(dataDir)
        .pbkdf2Iterations(ITERATIONS)
        .initialAdminPassword(ADMIN_PASSWORD)
        .shutdownTimeout(Duration.ofSeconds(10));
  }
}
