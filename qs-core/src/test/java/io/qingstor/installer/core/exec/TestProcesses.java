package io.qingstor.installer.core.exec;

import java.security.SecureRandom;
import java.util.Arrays;

/** Finds this machine's processes by a unique argument, to prove a kill really happened. */
public final class TestProcesses {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestProcesses() {
  }

  /** Returns a unique {@code sleep} duration argument, about 300 s, usable as a process marker. */
  public static String uniqueSleepSeconds() {
    return "300." + (100_000_000 + RANDOM.nextInt(900_000_000));
  }

  /** Returns how many live processes have {@code argument} among their arguments. */
  public static long withArgument(String argument) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains(argument)).orElse(false))
        .count();
  }

  /** Returns how many live processes have {@code text} anywhere in their command line. */
  public static long withCommandLineContaining(String text) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(line -> line.contains(text)).orElse(false))
        .count();
  }
}
