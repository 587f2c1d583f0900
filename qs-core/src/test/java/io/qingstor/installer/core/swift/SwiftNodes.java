package io.qingstor.installer.core.swift;

import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * In-process SSH nodes for the swift plan on fixed loopback addresses of the Swift range
 * ({@code 127.0.4x.y}; Swift's ports are fixed), with helpers that reach into a node's
 * {@code qs_root} the way an operator on the machine would: its pid files, its service manager.
 * {@link #close()} stops every Swift daemon the nodes started (they detach from SSH by design,
 * so closing the SSH servers alone would leave them running), then the nodes.
 */
public final class SwiftNodes implements AutoCloseable {
  private final List<SandboxNode> nodes;

  private SwiftNodes(List<SandboxNode> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** Why the swift plan cannot run here (Swift, memcached or rsync missing), or empty. */
  public static Optional<String> unavailableReason() {
    List<String> missing = new ArrayList<>();
    for (String program : List.of("swift-proxy-server", "swift-object-server",
        "swift-container-server", "swift-account-server", "swift-ring-builder", "memcached",
        "rsync", "python3")) {
      if (run("command -v " + program) != 0) {
        missing.add(program);
      }
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of("Swift is not installed (missing "
        + String.join(", ", missing) + "): apt-get install --no-install-recommends swift "
        + "swift-proxy swift-object swift-container swift-account python3-swift python3-pyeclib "
        + "memcached rsync, as .ci/run does");
  }

  /** Starts one node per {@code ids} entry on {@code prefix + (i + 1)}, e.g. 127.0.41.1. */
  public static SwiftNodes start(String prefix, List<String> ids, String password) {
    List<SandboxNode> started = new ArrayList<>();
    try {
      for (int i = 0; i < ids.size(); i++) {
        started.add(SandboxNode.start(ids.get(i), prefix + (i + 1), System.getProperty("user.name"),
            password));
      }
      return new SwiftNodes(started);
    } catch (RuntimeException e) {
      started.forEach(SandboxNode::close);
      throw e;
    }
  }

  public SandboxNode node(String id) {
    return nodes.stream().filter(n -> n.nodeId().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + id));
  }

  /** AddNodes specs for every node, each with its own qs_root. */
  public List<NodeSpec> specs() {
    return nodes.stream().map(n -> new NodeSpec(n.nodeId(), n.host(), n.port(), n.user(),
        n.password(), null, Map.of("qs_root", qsRoot(n).toString()))).toList();
  }

  public static List<NodeRef> refs(String... ids) {
    return Stream.of(ids).map(NodeRef::of).toList();
  }

  public Path qsRoot(String id) {
    return qsRoot(node(id));
  }

  private static Path qsRoot(SandboxNode node) {
    return node.root().resolve("qs");
  }

  /** The pids recorded in the node's pid files (service name -> pid). */
  public Map<String, Long> pids(String id) {
    Path run = qsRoot(id).resolve("run/swift");
    Map<String, Long> pids = new TreeMap<>();
    if (!Files.isDirectory(run)) {
      return pids;
    }
    try (Stream<Path> files = Files.list(run)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
        String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
        pids.put(name, Long.parseLong(Files.readString(file).trim().split(" ")[0]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pids;
  }

  /** Kills every service of the node with SIGKILL, as if its processes crashed. */
  public void killServices(String id) {
    pids(id).values().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  /** Runs the node's service manager ({@code services.py start|stop|wait-healthy}) locally. */
  public void services(String id, String command) {
    Path root = qsRoot(id);
    if (Files.exists(root.resolve("bin/services.py"))) {
      int exit = run("python3 '" + root + "/bin/services.py' '" + root + "' " + command);
      if (exit != 0) {
        throw new IllegalStateException("services.py " + command + " on " + id + " exited " + exit);
      }
    }
  }

  /** Live processes started from any node's qs_root (every service names it in its arguments). */
  public Set<String> liveDaemons() {
    return daemonsUnder(roots());
  }

  /** Stops every node's services by pid file, kills what is still left, closes the nodes. */
  @Override
  public void close() {
    try {
      stopDaemons(roots());
    } finally {
      nodes.forEach(SandboxNode::close);
    }
  }

  /** Live processes (pid and command line) started from one of {@code roots}. */
  public static Set<String> daemonsUnder(List<Path> roots) {
    Set<String> live = new TreeSet<>();
    daemons(roots).forEach(p -> live.add(p.pid() + " " + p.info().commandLine().orElse("?")));
    return live;
  }

  /**
   * Stops the Swift services of every {@code qs_root} with its own service manager, then kills
   * whatever {@link #daemonsUnder} still finds: the safety net of every Swift test.
   */
  public static void stopDaemons(List<Path> roots) {
    for (Path root : roots) {
      if (Files.exists(root.resolve("bin/services.py"))) {
        run("python3 '" + root + "/bin/services.py' '" + root + "' stop");
      }
    }
    daemons(roots).forEach(ProcessHandle::destroyForcibly);
  }

  private static Stream<ProcessHandle> daemons(List<Path> roots) {
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
        .map(cmd -> roots.stream().anyMatch(root -> cmd.contains(root.toString())))
        .orElse(false));
  }

  private List<Path> roots() {
    return nodes.stream().map(SwiftNodes::qsRoot).toList();
  }

  private static int run(String command) {
    try {
      Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
