package io.qingstor.installer.server.reliability;

import io.qingstor.installer.server.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;

/** Options for in-process servers of the reliability tests: port 0 on loopback, cheap hashing. */
final class Servers {
  /** Whether the long variants run ({@code -Dqs.longTests=true}). */
  static final boolean LONG = Boolean.getBoolean("qs.longTests");

  private Servers() {}

  static ServerOptions.Builder options(Path dataDir) {
    return ServerOptions.builder()
        .bindAddress("127.0.0.1")
        .port(0)
        .dataDir(dataDir)
        .pbkdf2Iterations(JsonClient.ITERATIONS)
        .initialAdminPassword(JsonClient.ADMIN_PASSWORD)
        .shutdownTimeout(Duration.ofSeconds(10));
  }
}
