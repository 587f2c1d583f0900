package io.qingstor.installer.examples;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodeAddition;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.HostInfo;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NetInterface;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.client.Progress;
import io.qingstor.installer.client.QsClient;
import io.qingstor.installer.client.QsException;
import io.qingstor.installer.client.WaitOptions;
import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import io.qingstor.installer.server.QsServer;
import io.qingstor.installer.server.ServerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The end-to-end demo: ten in-process SSH nodes on loopback addresses, the real server on a free
 * port with a temporary data directory, and the SDK driving it the way an operator would: register
 * nodes, collect their hardware facts, configure the seed's topology (3 access + 3 storage),
 * deploy, scale out access and storage, then show the platform. With the swift plan (see
 * {@link DemoPlan}) it then PUTs an object through one access VIP, GETs it back through another
 * and stops every Swift daemon; with the files plan it shows the files left on each node.
 * Exits 0 only if every stage succeeded.
 */
public final class QuickstartDemo {
  private static final int NODES = 10;
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
  private static final String ZONE = "demo";

  private final PrintStream out;
  private final DemoPlan plan;

  QuickstartDemo(PrintStream out) {
    this(out, DemoPlan.choose());
  }

  QuickstartDemo(PrintStream out, DemoPlan plan) {
    this.out = out;
    this.plan = plan;
  }

  public static void main(String[] args) throws Exception {
    Path data = Files.createTempDirectory("qs-demo-");
    // Before anything logs: the server's log goes to a file beside the data directory.
    System.setProperty("qs.demo.log", data.resolveSibling(data.getFileName() + "-server.log")
        .toString());
    System.setProperty("logback.configurationFile", "demo-logback.xml");
    boolean ok = new QuickstartDemo(System.out).run(data);
    System.exit(ok ? 0 : 1);
  }

  /** Runs every stage; true when all succeeded. */
  boolean run(Path data) throws Exception {
    String nodePassword = "demo-" + Long.toHexString(System.nanoTime());
    stage("Plan " + plan.name());
    out.println("  " + plan.why());
    stage("Starting " + NODES + " SSH nodes on " + plan.network() + plan.base() + "-"
        + (plan.base() + NODES - 1));
    try (SandboxFleet fleet = SandboxFleet.start(NODES, plan.network(), plan.base(),
        System.getProperty("user.name"), nodePassword)) {
      stage("Starting the server (data directory " + data + ")");
      try (QsServer server = QsServer.start(ServerOptions.builder().port(0).dataDir(data)
          .plan(plan.name()).build())) {
        String password = Files.readString(data.resolve("initial-admin-password")).trim();
        out.println("  listening on " + server.url() + "; admin password in "
            + data.resolve("initial-admin-password"));
        if (System.getProperty("qs.demo.log") != null) {
          out.println("  server log: " + System.getProperty("qs.demo.log"));
        }
        try (QsClient client = QsClient.builder().endpoint(server.url()).userId("admin")
            .password(password).build()) {
          return drive(client, fleet, data);
        }
      } finally {
        long killed = SwiftDaemons.kill(fleet.nodes().stream().map(QuickstartDemo::qsRoot).toList());
        if (killed > 0) {
          out.println("  killed " + killed + " Swift processes a failed stage left running");
        }
      }
    } catch (QsException e) {
      out.println("FAILED: " + e.getMessage());
      return false;
    }
  }

  private boolean drive(QsClient client, SandboxFleet fleet, Path data) throws IOException {
    stage("AddNodes: registering " + NODES + " nodes");
    List<NodeSpec> specs = new ArrayList<>();
    for (SandboxNode node : fleet.nodes()) {
      specs.add(new NodeSpec(node.nodeId(), node.host(), node.port(), node.user(),
          node.password(), null, Map.of("qs_root", qsRoot(node).toString())));
    }
    out.println("  " + client.addNodes(new AddNodesRequest(specs)).nodeIds());

    stage("CollectNodes: hardware facts over SSH");
    JobInfo collect = client.waitUntilJobFinished(
        client.collectNodes(new CollectNodesRequest(null)).jobId(), waitOptions());
    out.println("  " + collect.jobId() + " " + collect.status());
    List<NodeInfo> nodes = client.describeNodes(new DescribeNodesRequest(null, null)).nodes();
    HardwareFacts facts = nodes.get(0).facts();
    String iface = pickInterface(facts);
    String device = pickDevice(facts);
    out.println("  " + facts.hostname() + ": " + facts.os() + ", " + facts.cpus() + " CPUs; using"
        + " interface " + iface + " and block device " + device + " (bricks are directories under"
        + " qs_root; no disk is formatted)");

    stage("ConfigQingStor: the seed's topology, 3 access + 3 storage nodes");
    String configJob = client.configQingStor(config(fleet, iface, device)).jobId();
    report(client.waitUntilConfigured(configJob, waitOptions()), data);

    stage("DeployQingStor");
    report(client.waitUntilDeployed(client.deployQingStor().jobId(), waitOptions()), data);

    stage("ScaleQingStorAccess: one more gateway with its VIP");
    report(client.waitUntilDeployed(client.scaleQingStorAccess(new ScaleQingStorAccessRequest(
        List.of(new AccessNodeAddition(id(fleet, 7), plan.vip(3))), null)).jobId(),
        waitOptions()), data);

    stage("ScaleQingStorStorage: 3 more nodes in the storage cluster");
    report(client.waitUntilDeployed(client.scaleQingStorStorage(new ScaleQingStorStorageRequest(
        List.of(cluster(device, refs(fleet, 8, 9, 10))), null)).jobId(), waitOptions()), data);

    stage("DescribeQingStor");
    QingStorInfo info = client.describeQingStor().qingstor();
    out.println("  status " + info.status() + " (pre_status " + info.preStatus() + "), deployed "
        + info.isDeployed() + ", " + info.hosts().size() + " hosts, "
        + info.platformInfo().storageClusters().size() + " storage clusters");
    for (HostInfo host : info.hosts()) {
      out.printf("  %-8s %-12s %-16s %s%n", host.nodeId(), host.ip(), String.join("+",
          host.roles()), host.status());
    }

    boolean ok = "running".equals(info.status()) && info.hosts().size() == NODES;
    if (plan.isSwift()) {
      stage("The object store: S3 through the access VIPs");
      ok &= ObjectStoreCheck.run(client, ZONE, out);
      stage("ResetQingStor: stop every Swift daemon, remove what the plan installed");
      JobInfo reset = client.waitUntilDeployed(client.resetQingStor(info.consoleId()).jobId(),
          waitOptions());
      report(reset, data);
      long left = SwiftDaemons.running(fleet.nodes().stream().map(QuickstartDemo::qsRoot).toList());
      out.println("  platform " + client.describeQingStor().qingstor().status() + "; "
          + (left == 0 ? "no Swift process is left" : left + " Swift processes are still running"));
      ok &= left == 0;
    } else {
      stage("What the plan left on each node");
      for (SandboxNode node : fleet.nodes()) {
        out.println("  " + node.nodeId() + " " + qsRoot(node) + ": " + files(qsRoot(node)));
      }
    }
    stage(ok ? "Done: a deployed, scaled platform." : "The platform is not running.");
    return ok;
  }

  private void report(JobInfo job, Path data) {
    out.println("  " + job.jobType() + " job " + job.jobId() + " " + job.status() + " ("
        + job.totalSteps() + " steps); logs: " + data.resolve("jobs").resolve(job.jobId()));
  }

  private WaitOptions waitOptions() {
    return WaitOptions.builder().timeout(JOB_TIMEOUT).pollInterval(Duration.ofMillis(200))
        .progressListener(this::progress).build();
  }

  private void progress(Progress p) {
    if (p.stepTitle() != null && !p.newLines().isEmpty()) {
      long nodes = p.newLines().stream().map(l -> l.node()).filter(n -> n != null).distinct()
          .count();
      out.printf("  [%3d%%] %s %s: %d new log lines from %d nodes%n", p.progress(), p.status(),
          p.stepTitle(), p.newLines().size(), nodes);
    }
  }

  private void stage(String title) {
    out.println();
    out.println("== " + title);
  }

  private static String pickInterface(HardwareFacts facts) {
    return facts.interfaces().stream().map(NetInterface::name)
        .filter(name -> !name.equals("lo")).findFirst().orElse("lo");
  }

  private static String pickDevice(HardwareFacts facts) {
    return facts.blockDevices().stream()
        .sorted((a, b) -> Boolean.compare(Boolean.TRUE.equals(a.mounted()),
            Boolean.TRUE.equals(b.mounted())))
        .map(BlockDevice::name).filter(name -> name.matches("[a-z][a-z0-9]{0,31}")).findFirst()
        .orElseThrow(() -> new IllegalStateException("this machine reports no block device"));
  }

  private ConfigQingStorRequest config(SandboxFleet fleet, String iface, String device) {
    QsConf conf = new QsConf("127.0.0.1", "demo-ansible-" + System.nanoTime(), false, ZONE,
        "demo.local", "stor.demo.local", List.of("127.0.0.0/8"), true, false, false, false, null,
        null, Map.of("ntp_server", "127.0.0.1"));
    AccessNodes access = new AccessNodes(new AccessNetwork(iface, refs(fleet, 1, 2, 3),
        List.of(plan.vip(0), plan.vip(1), plan.vip(2)), plan.vipNetwork() + "100"), false, null);
    return new ConfigQingStorRequest(conf, access, List.of(cluster(device, refs(fleet, 4, 5, 6))),
        null);
  }

  private static StorageClusterSpec cluster(String device, List<NodeRef> nodes) {
    return new StorageClusterSpec(0, "vol0", "replicate", null, 3, false, "standard", false, 2,
        device, nodes);
  }

  private static List<NodeRef> refs(SandboxFleet fleet, int... indexes) {
    List<NodeRef> refs = new ArrayList<>();
    for (int i : indexes) {
      refs.add(NodeRef.of(id(fleet, i)));
    }
    return refs;
  }

  private static String id(SandboxFleet fleet, int oneBased) {
    return fleet.node(oneBased - 1).nodeId();
  }

  private static Path qsRoot(SandboxNode node) {
    return node.root().resolve("qs");
  }

  private static String files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return "-";
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted()
          .collect(Collectors.joining(", "));
    }
  }
}
