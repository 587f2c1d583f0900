package io.qingstor.installer.server;

import ch.qos.logback.classic.LoggerContext;
import com.google.inject.Guice;
import io.qingstor.installer.core.state.SecretKeyRotation;
import io.qingstor.installer.server.config.ServerCommandLine;
import io.qingstor.installer.server.config.UsageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code qs-server.jar} and the composition root: parses the options, lets Guice
 * build the {@link QsServer}, starts it, prints its URL, and stops it from a shutdown hook
 * (SIGTERM, Ctrl-C); with {@code --rotate-secret-key} it rotates the secret key instead and
 * exits. Exit status 2 for a usage error, 1 when the server cannot start, 3 after a
 * fatal error such as {@link OutOfMemoryError} ({@link FatalErrors}).
 */
public final class ServerMain {
  private static final Logger log = LoggerFactory.getLogger(ServerMain.class);

  private ServerMain() {}

  /** Runs the server until the JVM is asked to stop. */
  public static void main(String[] args) {
    if (ServerCommandLine.wantsHelp(args)) {
      System.out.print(ServerCommandLine.help());
      return;
    }
    ServerOptions options;
    try {
      options = ServerCommandLine.parse(ServerCommandLine.withoutKeyRotation(args), System.getenv());
    } catch (UsageException e) {
      System.err.println("qs-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (ServerCommandLine.wantsKeyRotation(args)) {
      System.exit(rotateSecretKey(options));
      return;
    }
    if (!FatalErrors.install()) {
      log.warn("started without -XX:+ExitOnOutOfMemoryError: an OutOfMemoryError in an I/O thread"
          + " may leave the server running but deaf; launch it with"
          + " java -XX:+ExitOnOutOfMemoryError -jar qs-server.jar");
    }
    QsServer server = Guice.createInjector(new ServerModule(options)).getInstance(QsServer.class);
    // Registered first, so a SIGTERM during start still stops what was opened.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      flushLogs();
    }, "qs-server-shutdown"));
    try {
      server.start();
    } catch (RuntimeException e) {
      log.error("qs-server cannot start", e);
      System.err.println("qs-server: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("qs-server listening on " + server.url());
  }

  /** Rotates the secret key of the options' data directory; the exit status. */
  private static int rotateSecretKey(ServerOptions options) {
    try {
      SecretKeyRotation.Result done =
          SecretKeyRotation.rotate(options.dataDir(), options.secretKeyFile());
      System.out.println("qs-server: rotated the secret key in " + done.keyFile() + ": "
          + done.filesResealed() + " state file(s) sealed under the new key, "
          + done.keysRetired() + " old key(s) removed; back up the new key file now");
      return 0;
    } catch (RuntimeException e) {
      System.err.println("qs-server: cannot rotate the secret key: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Stops logback, which drains the access log's queue (logback.xml writes it from a queue):
   * otherwise the JVM exits with the last lines still queued.
   */
  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
