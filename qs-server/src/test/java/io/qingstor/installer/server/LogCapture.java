package io.qingstor.installer.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures everything logged while open, rendered with key-values and stack traces. */
public final class LogCapture implements AutoCloseable {
  private static final String REQUEST_LOGGER = "io.qingstor.installer.server.request";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private final List<Logger> attachedTo = new ArrayList<>();

  public LogCapture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %logger %msg %kvp%n%ex");
    encoder.start();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.setImmediateFlush(true);
    appender.start();
    attachTo(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
    // logback.xml sends the access log to its own queued appender, not on to the root.
    Logger requests = context.getLogger(REQUEST_LOGGER);
    if (!requests.isAdditive()) {
      attachTo(requests);
    }
  }

  private void attachTo(Logger logger) {
    logger.addAppender(appender);
    attachedTo.add(logger);
  }

  /** Everything captured so far. */
  public String text() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    attachedTo.forEach(logger -> logger.detachAppender(appender));
    appender.stop();
  }
}
