package io.qingstor.installer.server.testing;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.server.QsServer;
import io.qingstor.installer.server.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@link QsServer} in this JVM for a test class: port 0 on loopback, its own temporary
 * directory, cheap password hashing and a known admin. Registered on a static field it serves
 * the whole class; on an instance field, each test gets a fresh one. It is stopped and its
 * directory deleted afterwards.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final InProcessServer server = InProcessServer.withDefaults();
 * }</pre>
 */
public final class InProcessServer
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  /** The user created on the first start. */
  public static final String ADMIN = "admin";
  /** The plain password of {@link #ADMIN}. */
  public static final String ADMIN_PASSWORD = "test-admin-password";
  /** PBKDF2 iterations of test servers: cheap, the hashing has its own tests. */
  public static final int ITERATIONS = 1_000;

  /** Adjusts a test server's options; {@code dir} is the server's own temporary directory. */
  @FunctionalInterface
  public interface Options {
    ServerOptions.Builder adjust(ServerOptions.Builder options, Path dir) throws Exception;
  }

  private final Options options;
  private Path dir;
  private QsServer server;
  private boolean perTest;

  private InProcessServer(Options options) {
    this.options = requireNonNull(options, "options");
  }

  /** A server with the test defaults of {@link #options(Path)}. */
  public static InProcessServer withDefaults() {
    return with((options, dir) -> options);
  }

  /** A server with the test defaults, adjusted, e.g. {@code (o, dir) -> o.bodyLimitBytes(64)}. */
  public static InProcessServer with(Options options) {
    return new InProcessServer(options);
  }

  /** Test defaults: loopback, port 0, data in {@code dataDir}, cheap hashing, a known admin. */
  public static ServerOptions.Builder options(Path dataDir) {
    return ServerOptions.builder()
        .bindAddress("127.0.0.1")
        .port(0)
        .dataDir(dataDir)
        .pbkdf2Iterations(ITERATIONS)
        .initialAdminPassword(ADMIN_PASSWORD)
        .shutdownTimeout(Duration.ofSeconds(10));
  }

  /** The running server. */
  public QsServer server() {
    if (server == null) {
      throw new IllegalStateException("the server runs only during the tests of its class");
    }
    return server;
  }

  /** Its base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return server().url();
  }

  /** The port it listens on. */
  public int port() {
    return server().port();
  }

  /** Requests being served right now. */
  public int activeRequests() {
    return server().activeRequests();
  }

  /** Its data directory. */
  public Path dataDir() {
    return dir.resolve("data");
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (server == null) {
      perTest = true;
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private void start() throws Exception {
    dir = Files.createTempDirectory("qs-server-test");
    try {
      server = QsServer.start(options.adjust(options(dir.resolve("data")), dir).build());
    } catch (Exception | Error e) {
      deleteDir();
      throw e;
    }
  }

  private void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } finally {
      server = null;
      deleteDir();
    }
  }

  private void deleteDir() {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the test server's directory " + dir, e);
    }
  }
}
