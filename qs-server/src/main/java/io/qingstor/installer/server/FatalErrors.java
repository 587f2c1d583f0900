package io.qingstor.installer.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Ends the process on an {@link OutOfMemoryError} or another {@link VirtualMachineError} instead
 * of letting it leave a server that is alive but deaf (an I/O thread that died of it never
 * accepts again). The JVM flag {@code -XX:+ExitOnOutOfMemoryError}, which the documented launch
 * command carries, covers every thread, including the ones whose errors never reach our code
 * (XNIO's I/O loops); {@link #install()} is the in-process equivalent for the rest: the default
 * uncaught-exception handler and the server's own exception mapping both call {@link
 * #haltIfFatal}. A jar manifest cannot set JVM flags, hence both.
 */
public final class FatalErrors {
  /** The exit status of a process ended by a fatal error. */
  public static final int EXIT_STATUS = 3;

  private FatalErrors() {}

  /**
   * Makes every uncaught fatal error end the process; returns whether the JVM already runs with
   * {@code -XX:+ExitOnOutOfMemoryError}.
   */
  public static boolean install() {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
      haltIfFatal(error);
      if (previous != null) {
        previous.uncaughtException(thread, error);
      } else {
        System.err.println("Exception in thread \"" + thread.getName() + "\" " + error);
      }
    });
    return exitOnOutOfMemoryFlag();
  }

  /** Halts the JVM with {@link #EXIT_STATUS} if {@code error} (or a cause) is fatal. */
  public static void haltIfFatal(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof VirtualMachineError) {
        // No logging framework, no shutdown hooks: with the heap exhausted they may hang.
        System.err.println("qs-server: fatal " + t.getClass().getName() + "; exiting");
        Runtime.getRuntime().halt(EXIT_STATUS);
      }
    }
  }

  private static boolean exitOnOutOfMemoryFlag() {
    try {
      return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(
          HotSpotDiagnosticMXBean.class).getVMOption("ExitOnOutOfMemoryError").getValue());
    } catch (RuntimeException notHotSpot) {
      return false;
    }
  }
}
