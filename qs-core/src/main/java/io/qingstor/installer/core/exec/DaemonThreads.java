package io.qingstor.installer.core.exec;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The project's one way to make background threads: daemon threads, so a forgotten pool never
 * keeps the JVM alive, named so a thread dump says whose they are.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory of daemon threads named {@code prefix1, prefix2, ...}. */
  public static ThreadFactory named(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> newThread(runnable, prefix + counter.incrementAndGet());
  }

  /** A factory of daemon threads that all have the one name given (for single-thread pools). */
  public static ThreadFactory single(String name) {
    return runnable -> newThread(runnable, name);
  }

  /** Starts {@code task} on a new daemon thread called {@code name}, and returns the thread. */
  public static Thread start(String name, Runnable task) {
    Thread thread = newThread(task, name);
    thread.start();
    return thread;
  }

  private static Thread newThread(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
