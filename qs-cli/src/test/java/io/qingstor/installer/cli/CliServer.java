package io.qingstor.installer.cli;

import io.qingstor.installer.server.QsServer;
import io.qingstor.installer.server.testing.InProcessServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The real server in-process with {@link InProcessServer}'s test defaults and a plan from the
 * test resources; started by the tests themselves, since each picks its plan.
 */
final class CliServer implements AutoCloseable {
  static final String ADMIN_PASSWORD = InProcessServer.ADMIN_PASSWORD;

  private final QsServer server;

  private CliServer(QsServer server) {
    this.server = server;
  }

  /** Starts a server on {@code data} with the plan resource {@code plan} (e.g. local-plan.yml). */
  static CliServer start(Path data, String plan) {
    return new CliServer(QsServer.start(InProcessServer.options(data)
        .planFile(resource(data.resolveSibling(data.getFileName() + "-plan.yml"), plan))
        .build()));
  }

  /** Copies the test resource {@code name} to {@code file}. */
  static Path resource(Path file, String name) {
    try (InputStream in = CliServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return server.url();
  }

  /** The environment of an operator logged in as {@code user}. */
  Map<String, String> env(String user, String password) {
    Map<String, String> env = new HashMap<>();
    env.put("QS_ENDPOINT", url());
    env.put("QS_USER", user);
    env.put("QS_PASSWORD", password);
    return env;
  }

  /** The environment of the admin. */
  Map<String, String> adminEnv() {
    return env("admin", ADMIN_PASSWORD);
  }

  @Override
  public void close() {
    server.close();
  }
}
