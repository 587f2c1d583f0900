package io.qingstor.installer.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops the Swift daemons of the demo's nodes with each node's own service manager (they run
 * detached from SSH by design, so they would outlive the demo), and checks none is left.
 */
final class SwiftDaemons {
  private SwiftDaemons() {}

  /** Stops the daemons of every {@code qs_root}; true when no process of theirs is left. */
  static boolean stopAll(List<Path> qsRoots, PrintStream out) throws IOException {
    int stopped = 0;
    for (Path root : qsRoots) {
      Path services = root.resolve("bin/services.py");
      if (Files.exists(services)) {
        String said = run("python3", services.toString(), root.toString(), "stop");
        stopped += (int) said.lines().filter(line -> line.startsWith("stopped ")).count();
      }
    }
    long left = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
        .map(cmd -> qsRoots.stream().anyMatch(root -> cmd.contains(root.toString()))).orElse(false))
        .count();
    out.println("  stopped " + stopped + " daemons on " + qsRoots.size() + " nodes; "
        + (left == 0 ? "no Swift process is left" : left + " processes are still running"));
    return left == 0;
  }

  private static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return output;
  }
}
