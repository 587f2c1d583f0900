package io.qingstor.installer.server.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last lines the server logged (the root logger's: starts, jobs, warnings, errors;
 * not the access log, which is written apart for speed) for the support bundle. One per JVM,
 * attached to the root logger by {@link #install()}; the lines are the ones stderr shows, and
 * carry no secret because the code logs none.
 */
public final class ServerLogTail extends AppenderBase<ILoggingEvent> {
  /** How many lines are kept. */
  public static final int LINES = 1000;
  private static final String NAME = "QS_SUPPORT_TAIL";

  private final ArrayDeque<String> lines = new ArrayDeque<>();

  private ServerLogTail() {
  }

  /**
   * The JVM's tail, attached to the root logger on the first call; an empty one when logback is
   * not the logging backend.
   */
  public static synchronized ServerLogTail install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return new ServerLogTail();
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(NAME) instanceof ServerLogTail existing) {
      return existing;
    }
    ServerLogTail tail = new ServerLogTail();
    tail.setName(NAME);
    tail.setContext(context);
    tail.start();
    root.addAppender(tail);
    return tail;
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    if (lines.size() == LINES) {
      lines.removeFirst();
    }
    lines.addLast(Instant.ofEpochMilli(event.getTimeStamp()) + " " + event.getLevel() + " ["
        + event.getThreadName() + "] " + event.getLoggerName() + " - "
        + event.getFormattedMessage());
  }

  /** The kept lines, oldest first. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
