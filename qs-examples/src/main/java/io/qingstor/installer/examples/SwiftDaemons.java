package io.qingstor.installer.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Swift daemons of the demo's nodes: they run detached from SSH by design, so the demo checks
 * after ResetQingStor that none outlives it.
 */
final class SwiftDaemons {
  private SwiftDaemons() {}

  /** How many processes started from one of {@code qsRoots} are still running. */
  static long running(List<Path> qsRoots) {
    return processes(qsRoots).count();
  }

  /** Kills what a failed stage left running. */
  static long kill(List<Path> qsRoots) {
    return processes(qsRoots).filter(ProcessHandle::destroyForcibly).count();
  }

  private static Stream<ProcessHandle> processes(List<Path> qsRoots) {
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
        .map(cmd -> qsRoots.stream().anyMatch(root -> cmd.contains(root.toString()))).orElse(false));
  }
}
