package io.qingstor.installer.examples;

import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Embedding qs-core without HTTP: an installer of its own creates the core in-process with its
 * own plan, registers nodes and drives config and deploy through the same records as the wire.
 * Runs against three in-process SSH nodes on loopback addresses.
 */
public final class EmbeddedCore {
  /** The embedding installer's own plan: a preflight, then one file on every node. */
  static final String PLAN = String.join("\n",
      "version: embedded-example-1",
      "jobs:",
      "  config:",
      "    - name: preflight",
      "      title: Check the install root is writable",
      "      targets: all",
      "      timeout: 30s",
      "      run: mkdir -p \"$qs_root\" && test -w \"$qs_root\" && echo \"ok on $(hostname)\"",
      "  deploy:",
      "    - name: motd",
      "      title: Write a banner naming each node's roles",
      "      targets: all",
      "      timeout: 30s",
      "      run: |",
      "        echo \"$QS_NODE_ID: $QS_ROLES of zone $QS_ZONE_ID\" > \"$qs_root/motd\"",
      "        cat \"$qs_root/motd\"",
      "");

  private EmbeddedCore() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(System.out) ? 0 : 1);
  }

  /** Runs the example, printing what happens; true when config and deploy both succeeded. */
  public static boolean run(PrintStream out) throws Exception {
    Plan plan = PlanLoader.parse(PLAN, "embedded-example");
    Path data = Files.createTempDirectory("qs-embedded-");
    try (SandboxFleet fleet = SandboxFleet.start(3, 110, "embedded-" + System.nanoTime());
        QingStorCore core = QingStorCore.builder().dataDir(data).plan(plan).build()) {
      List<NodeSpec> nodes = new ArrayList<>();
      for (SandboxNode node : fleet.nodes()) {
        nodes.add(new NodeSpec(node.nodeId(), node.host(), node.port(), node.user(),
            node.password(), null, Map.of("qs_root", node.root().resolve("qs").toString())));
      }
      out.println("registered " + core.addNodes(new AddNodesRequest(nodes)).nodeIds());
      JobInfo config = await(core, core.configQingStor(config(fleet), "embedder").jobId(), false);
      out.println("config job " + config.jobId() + ": " + config.status());
      JobInfo deploy = await(core,
          core.deployQingStor(new DeployQingStorRequest(null, null), "embedder").jobId(), true);
      out.println("deploy job " + deploy.jobId() + ": " + deploy.status());
      for (SandboxNode node : fleet.nodes()) {
        Path motd = node.root().resolve("qs/motd");
        out.println("  " + motd + ": " + (Files.exists(motd) ? Files.readString(motd).trim() : "-"));
      }
      out.println("platform: " + core.describeQingStor().qingstor().status());
      return JobStatuses.SUCCESSFUL.equals(config.status()) && JobStatuses.SUCCESSFUL.equals(deploy.status());
    }
  }

  private static JobInfo await(QingStorCore core, String jobId, boolean deploy)
      throws InterruptedException {
    if (!core.awaitIdle(Duration.ofMinutes(2))) {
      throw new IllegalStateException("job " + jobId + " did not finish in 2 minutes");
    }
    return deploy ? core.getDeployQingStorStatus(jobId) : core.getConfigQingStorStatus(jobId);
  }

  private static ConfigQingStorRequest config(SandboxFleet fleet) {
    List<NodeRef> refs = fleet.nodes().stream().map(n -> NodeRef.of(n.nodeId())).toList();
    QsConf conf = new QsConf("127.0.0.1", "example-only", false, "example", "example.com",
        "stor.example.com", List.of("127.0.0.0/8"), false, null, null, null, null, null, Map.of());
    AccessNodes access = new AccessNodes(new AccessNetwork("lo", refs,
        List.of("127.0.110.1", "127.0.110.2", "127.0.110.3"), "127.0.110.100"), false, null);
    StorageClusterSpec storage = new StorageClusterSpec(0, "vol0", "replicate", null, 3, false,
        "standard", false, 1, "vda", refs);
    return new ConfigQingStorRequest(conf, access, List.of(storage), null);
  }
}
