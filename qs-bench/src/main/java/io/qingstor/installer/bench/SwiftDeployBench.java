package io.qingstor.installer.bench;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.ResetQingStorRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.LocalExecutor;
import io.qingstor.installer.core.exec.SshExecutor;
import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Deploy wall time of the {@code swift} plan on the demo's topology (3 access + 3 storage
 * in-process SSH nodes, one replicated cluster of replica 3 with 2 bricks a node), split into
 * remote work and control plane. Remote work is the union of the intervals during which at least
 * one command or file operation was in flight on any node, the firstbox's included, timed by
 * {@link TimedExecutor} around the real SSH and local executors (see {@link RemoteWork}); the
 * control plane is the rest of the job's wall time, from the DeployQingStor call to the job's
 * end. After each deploy the resident memory of every process started from a node's
 * {@code qs_root} (the Swift servers, memcached, rsync) is read from {@code /proc}; then
 * ResetQingStor stops them and a ConfigQingStor prepares the next round. Prints a Markdown
 * section.
 *
 * <p>Options: {@code --runs} (3), {@code --network} (nodes' prefix, 127.0.71.), {@code
 * --vip-network} (127.0.72.), {@code --out} (file).
 */
public final class SwiftDeployBench {
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(15);
  private static final String ZONE = "bench";
  private static final Pattern SERVICE = Pattern.compile(
      "(proxy-server|object-server|container-server|account-server|object-replicator|"
          + "object-auditor|object-updater|container-replicator|container-updater|"
          + "container-auditor|account-replicator|account-auditor|account-reaper|"
          + "object-reconstructor|container-sharder|memcached|rsync)");

  private SwiftDeployBench() {
  }

  /** One measured deploy. */
  private record Round(double wallMillis, double remoteMillis, int operations,
      Map<String, long[]> rssKib) {
    double controlMillis() {
      return wallMillis - remoteMillis;
    }
  }

  /** Runs the rounds and writes the report. */
  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, Set.of("runs", "network", "vip-network", "out"));
    int runs = args.positive("runs", 3);
    String network = args.text("network", "127.0.71.");
    String vipNetwork = args.text("vip-network", "127.0.72.");
    String missing = missingPrograms();
    String report;
    if (!missing.isEmpty()) {
      report = String.format("## Swift deploy: control plane against remote work%n%n"
          + "Not measured: %s missing (apt-get install --no-install-recommends swift swift-proxy"
          + " swift-object swift-container swift-account python3-swift python3-pyeclib memcached"
          + " rsync).%n", missing);
    } else {
      report = report(measure(runs, network, vipNetwork), runs);
    }
    System.out.print(report);
    Optional<Path> out = args.optionalPath("out");
    if (out.isPresent()) {
      Files.writeString(out.get(), report);
    }
  }

  private static List<Round> measure(int runs, String network, String vipNetwork)
      throws Exception {
    Path data = Files.createTempDirectory("qs-swift-bench");
    String password = "swift-bench-" + Long.toHexString(System.nanoTime());
    RemoteWork work = new RemoteWork();
    List<Round> rounds = new ArrayList<>();
    try (SandboxFleet fleet = SandboxFleet.start(6, network, 1, System.getProperty("user.name"),
            password);
        TimedExecutor ssh = new TimedExecutor(SshExecutor.builder()
            .knownHostsFile(data.resolve("known_hosts")).build(), work);
        TimedExecutor local = new TimedExecutor(new LocalExecutor(), work)) {
      List<Path> roots = fleet.nodes().stream().map(n -> n.root().resolve("qs")).toList();
      try (QingStorCore core = QingStorCore.builder().dataDir(data.resolve("data")).plan("swift")
          .remoteExecutor(ssh).localExecutor(local).build()) {
        core.addNodes(new AddNodesRequest(specs(fleet)));
        for (int run = 0; run < runs; run++) {
          CoreJobs.finish(core, core.configQingStor(config(fleet, vipNetwork), "bench").jobId(),
              JOB_TIMEOUT);
          long start = System.nanoTime();
          String deploy = core.deployQingStor(new DeployQingStorRequest(null, null, null), "bench")
              .jobId();
          CoreJobs.finish(core, deploy, JOB_TIMEOUT);
          long end = System.nanoTime();
          rounds.add(new Round((end - start) / 1e6, work.busyNanos(start, end) / 1e6,
              work.count(start, end), rss(roots)));
          System.err.printf("[swift] deploy %d: %.0f ms, remote %.0f ms%n", run + 1,
              rounds.get(run).wallMillis(), rounds.get(run).remoteMillis());
          CoreJobs.finish(core, core.resetQingStor(new ResetQingStorRequest(
              core.describeQingStor().qingstor().consoleId(), null), "bench").jobId(),
              JOB_TIMEOUT);
        }
      } finally {
        processes(roots).forEach(ProcessHandle::destroyForcibly);
      }
    }
    return rounds;
  }


  /** Per service name: {processes, total VmRSS in KiB}. */
  private static Map<String, long[]> rss(List<Path> roots) {
    Map<String, long[]> byService = new TreeMap<>();
    processes(roots).forEach(p -> {
      String command = p.info().commandLine().orElse("");
      Matcher service = SERVICE.matcher(command);
      String name = service.find() ? service.group(1) : "other";
      try {
        long kib = ProcStatus.rssKib(p.pid());
        long[] sum = byService.computeIfAbsent(name, n -> new long[2]);
        sum[0]++;
        sum[1] += kib;
      } catch (IOException gone) {
        // ended while we looked
      }
    });
    return byService;
  }

  private static Stream<ProcessHandle> processes(List<Path> roots) {
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
        .map(cmd -> roots.stream().anyMatch(root -> cmd.contains(root.toString())))
        .orElse(false));
  }

  private static List<NodeSpec> specs(SandboxFleet fleet) {
    List<NodeSpec> specs = new ArrayList<>();
    for (SandboxNode n : fleet.nodes()) {
      specs.add(new NodeSpec(n.nodeId(), n.host(), n.port(), n.user(), n.password(), null,
          Map.of("qs_root", n.root().resolve("qs").toString())));
    }
    return specs;
  }

  /** The demo's topology: nodes 1-3 access (VIPs .1-.3), nodes 4-6 one cluster of replica 3. */
  private static ConfigQingStorRequest config(SandboxFleet fleet, String vipNetwork)
      throws IOException {
    QsConf conf = new QsConf("127.0.0.1", "bench-ansible-unused", false, ZONE, "bench.local",
        "stor.bench.local", List.of("127.0.0.0/8"), false, null, null, null, null, null,
        Map.of());
    AccessNodes access = new AccessNodes(new AccessNetwork("lo", refs(fleet, 0, 1, 2),
        List.of(vipNetwork + 1, vipNetwork + 2, vipNetwork + 3), vipNetwork + 100), false, null);
    return new ConfigQingStorRequest(conf, access, List.of(new StorageClusterSpec(0, "vol0",
        "replicate", null, 3, false, "standard", false, 2, CoreJobs.blockDevice(),
        refs(fleet, 3, 4, 5))), null);
  }

  private static List<NodeRef> refs(SandboxFleet fleet, int... indexes) {
    List<NodeRef> refs = new ArrayList<>();
    for (int i : indexes) {
      refs.add(NodeRef.of(fleet.node(i).nodeId()));
    }
    return refs;
  }


  private static String missingPrograms() {
    List<String> missing = new ArrayList<>();
    for (String program : List.of("swift-proxy-server", "swift-object-server",
        "swift-container-server", "swift-account-server", "swift-ring-builder", "memcached",
        "rsync", "python3")) {
      boolean found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
          .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
      if (!found) {
        missing.add(program);
      }
    }
    return String.join(", ", missing);
  }

  private static String report(List<Round> rounds, int runs) {
    List<Double> wall = rounds.stream().map(Round::wallMillis).toList();
    List<Double> remote = rounds.stream().map(Round::remoteMillis).toList();
    List<Double> control = rounds.stream().map(Round::controlMillis).toList();
    List<Double> share = rounds.stream().map(r -> r.controlMillis() / r.remoteMillis()).toList();
    StringBuilder out = new StringBuilder(String.format(
        "## Swift deploy: control plane against remote work%n%n"
            + "DeployQingStor of the `swift` plan on the demo's topology (3 access + 3 storage"
            + " in-process SSH nodes, replica 3, 2 bricks a node; Swift already installed), %d"
            + " rounds, each after a ResetQingStor and a ConfigQingStor. Remote work: the union of"
            + " the intervals in which at least one command or file operation (SSH, SFTP, the"
            + " firstbox's local commands) was in flight, timed around the executors; control"
            + " plane: the rest of the job's wall time.%n%n"
            + "| measured | min | median | max |%n|---|---|---|---|%n"
            + "| deploy wall time | %s | %s | %s |%n"
            + "| remote work | %s | %s | %s |%n"
            + "| control plane | %s | %s | %s |%n"
            + "| control plane / remote work | %.1f%% | %.1f%% | %.1f%% |%n%n"
            + "Target: the control plane adds < 5%% to the remote work: **%s** (median %.1f%%)."
            + " Remote operations a deploy: %d.%n%n",
        runs, ms(Stats.of(wall).min()), ms(Stats.of(wall).median()), ms(Stats.of(wall).max()),
        ms(Stats.of(remote).min()), ms(Stats.of(remote).median()), ms(Stats.of(remote).max()),
        ms(Stats.of(control).min()), ms(Stats.of(control).median()),
        ms(Stats.of(control).max()), 100 * Stats.of(share).min(),
        100 * Stats.of(share).median(), 100 * Stats.of(share).max(),
        Stats.of(share).median() < 0.05 ? "met" : "MISSED", 100 * Stats.of(share).median(),
        rounds.get(0).operations()));
    out.append(String.format("Memory of the deployed services right after the deploy (VmRSS,"
        + " last round, all 6 nodes):%n%n| service | processes | RSS total | RSS each |%n"
        + "|---|---|---|---|%n"));
    long total = 0;
    for (Map.Entry<String, long[]> e : rounds.get(rounds.size() - 1).rssKib().entrySet()) {
      long[] v = e.getValue();
      total += v[1];
      out.append(String.format("| %s | %d | %.1f MiB | %.1f MiB |%n", e.getKey(), v[0],
          v[1] / 1024.0, v[1] / 1024.0 / v[0]));
    }
    out.append(String.format("| all | | %.1f MiB | |%n", total / 1024.0));
    return out.toString();
  }

  private static String ms(double millis) {
    return String.format("%.0f ms", millis);
  }

}
