package io.qingstor.installer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads how much CPU time this JVM and the whole machine have used so far, so that a run's wall
 * time can be split into "our process was busy" and "something else (sshd, the shells) was".
 * The machine figure comes from {@code /proc/stat} and is -1 where that is missing.
 */
final class CpuMeter {

  /** CPU seconds used so far by this JVM and by the whole machine (-1 when unknown). */
  record Reading(double jvmSeconds, double machineSeconds) {

    /** Returns the CPU used between {@code earlier} and this reading. */
    Reading since(Reading earlier) {
      double machine = machineSeconds < 0 || earlier.machineSeconds < 0 ? -1 : machineSeconds - earlier.machineSeconds;
      return new Reading(jvmSeconds - earlier.jvmSeconds, machine);
    }
  }

  private static final Path PROC_STAT = Path.of("/proc/stat");
  /** USER_HZ, the unit of /proc/stat on every Linux architecture that matters here. */
  private static final double TICKS_PER_SECOND = 100.0;

  private CpuMeter() {
  }

  /** Returns the current reading. */
  static Reading read() {
    return new Reading(jvmSeconds(), machineSeconds());
  }

  private static double jvmSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return 0;
  }

  /** Busy time of all CPUs: user, nice, system, irq, softirq and steal from the "cpu" line. */
  private static double machineSeconds() {
    try {
      List<String> lines = Files.readAllLines(PROC_STAT);
      String[] fields = lines.get(0).trim().split("\\s+");
      if (!fields[0].equals("cpu") || fields.length < 9) {
        return -1;
      }
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(fields[i]);
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
