package io.qingstor.installer.bench;

import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.BlockDevice;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NetInterface;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prepares a data directory holding a deployed platform, so that a server started on it answers
 * {@code GetDeployQingStorStatus} with a realistic, finished deploy job: six in-process SSH nodes
 * on loopback addresses, then qs-core with the reference plan runs CollectNodes, ConfigQingStor
 * (3 access + 3 storage nodes) and DeployQingStor on them, as the end-to-end demo does over HTTP.
 * The nodes stop when it exits; the status of a finished job needs no node.
 *
 * <p>Options: {@code --data} (the directory, created), {@code --base} (the first address
 * 127.0.0.N, default 230). Exits 1 unless the deploy succeeded.
 */
public final class StatusPlatform {

  private static final int NODES = 6;
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

  private StatusPlatform() {
  }

  /** Prepares the data directory and prints the deploy job's id and status. */
  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv, Set.of("data", "base"));
    JobInfo deploy = prepare(args.path("data"), args.positive("base", 230));
    System.out.println("deploy job " + deploy.jobId() + ": " + deploy.status());
    System.exit(JobStatuses.SUCCESSFUL.equals(deploy.status()) ? 0 : 1);
  }

  /**
   * Registers the nodes, configures and deploys; returns the deploy job's final state.
   *
   * @throws IllegalStateException if a job does not finish in time or the config job fails
   */
  static JobInfo prepare(Path data, int base) throws InterruptedException {
    try (SandboxFleet fleet = SandboxFleet.start(NODES, base, "bench-" + System.nanoTime());
        QingStorCore core = QingStorCore.builder().dataDir(data).build()) {
      List<NodeSpec> specs = new ArrayList<>();
      for (SandboxNode node : fleet.nodes()) {
        specs.add(new NodeSpec(node.nodeId(), node.host(), node.port(), node.user(), node.password(), null,
            Map.of("qs_root", node.root().resolve("qs").toString())));
      }
      core.addNodes(new AddNodesRequest(specs));
      core.collectNodes(new CollectNodesRequest(null), "bench");
      awaitIdle(core);
      HardwareFacts facts = core.describeNodes(new DescribeNodesRequest(null, null)).nodes().get(0).facts();
      String config = core.configQingStor(config(fleet, base, facts), "bench").jobId();
      awaitIdle(core);
      JobInfo configured = core.getConfigQingStorStatus(config);
      if (!JobStatuses.SUCCESSFUL.equals(configured.status())) {
        throw new IllegalStateException("config job " + config + " " + configured.status() + ": " + configured.error());
      }
      String deploy = core.deployQingStor(new DeployQingStorRequest(null, null), "bench").jobId();
      awaitIdle(core);
      return core.getDeployQingStorStatus(deploy);
    }
  }

  private static void awaitIdle(QingStorCore core) throws InterruptedException {
    if (!core.awaitIdle(JOB_TIMEOUT)) {
      throw new IllegalStateException("a job did not finish within " + JOB_TIMEOUT);
    }
  }

  private static ConfigQingStorRequest config(SandboxFleet fleet, int base, HardwareFacts facts) {
    String iface = facts.interfaces().stream().map(NetInterface::name).filter(name -> !name.equals("lo"))
        .findFirst().orElse("lo");
    String device = facts.blockDevices().stream().map(BlockDevice::name)
        .filter(name -> name.matches("[a-z][a-z0-9]{0,31}")).findFirst()
        .orElseThrow(() -> new IllegalStateException("this machine reports no block device"));
    QsConf conf = new QsConf("127.0.0.1", "bench-" + System.nanoTime(), false, "bench", "bench.local",
        "stor.bench.local", List.of("127.0.0.0/8"), true, false, false, false, null, null,
        Map.of("ntp_server", "127.0.0.1"));
    String vip = "127.0." + base + ".";
    AccessNodes access = new AccessNodes(new AccessNetwork(iface, refs(fleet, 0, 3),
        List.of(vip + "13", vip + "14", vip + "15"), vip + "100"), false, null);
    StorageClusterSpec cluster = new StorageClusterSpec(0, "vol0", "replicate", null, 3, false, "standard", false, 2,
        device, refs(fleet, 3, 6));
    return new ConfigQingStorRequest(conf, access, List.of(cluster), null);
  }

  private static List<NodeRef> refs(SandboxFleet fleet, int from, int to) {
    return fleet.nodes().subList(from, to).stream().map(node -> NodeRef.of(node.nodeId())).toList();
  }
}
