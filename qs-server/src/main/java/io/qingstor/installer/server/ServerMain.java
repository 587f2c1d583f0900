package io.qingstor.installer.server;

import ch.qos.logback.classic.LoggerContext;
import com.google.inject.Guice;
import io.qingstor.installer.server.config.ServerCommandLine;
import io.qingstor.installer.server.config.UsageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code qs-server.jar} and the composition root: parses the options, lets Guice
 * build the {@link QsServer}, starts it, prints its URL, and stops it from a shutdown hook
 * (SIGTERM, Ctrl-C). Exit status 2 for a usage error, 1 when the server cannot start, 3 after a
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
      options = ServerCommandLine.parse(args, System.getenv());
    } catch (UsageException e) {
      System.err.println("qs-server: " + e.getMessage());
      System.exit(2);
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
