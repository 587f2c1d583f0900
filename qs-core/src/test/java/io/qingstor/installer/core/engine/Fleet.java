package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QsConf;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.testing.sandbox.SandboxFleet;
import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: real SSH nodes on loopback addresses, registered as n-1..n-N, and the seed's
 * topology (3 access + 3 storage) over them with devices and interfaces this machine has.
 */
public final class Fleet implements AutoCloseable {
  public static final String NODE_PASSWORD = "node-pw-" + Long.toHexString(System.nanoTime());
  public static final String ANSIBLE_PASS = "ansible-pw-" + Long.toHexString(System.nanoTime());

  public final SandboxFleet sandbox;
  private final List<SandboxNode> revived = new ArrayList<>();

  /** Starts {@code size} sandbox nodes on 127.0.0.{@code base} onwards. */
  public Fleet(int size, int base) {
    this.sandbox = SandboxFleet.start(size, base, NODE_PASSWORD);
  }

  /** The id node i is registered under. */
  public static String nodeId(int i) {
    return "n-" + i;
  }

  /** Node i (1-based). */
  public SandboxNode node(int i) {
    return sandbox.node(i - 1);
  }

  /** Where node i installs: its sandbox root's {@code qs} folder. */
  public Path qsRoot(int i) {
    return node(i).root().resolve("qs");
  }

  /** Registers every node as n-i with its sandbox {@code qs_root}. */
  public void register(QingStorCore core) {
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 1; i <= sandbox.size(); i++) {
      SandboxNode n = node(i);
      specs.add(new NodeSpec(nodeId(i), n.host(), n.port(), n.user(), NODE_PASSWORD, null,
          Map.of("qs_root", qsRoot(i).toString())));
    }
    core.addNodes(new AddNodesRequest(specs));
  }

  /** A block device this machine has (the sandbox nodes share its /sys). */
  public static String device() {
    File[] devices = new File("/sys/block").listFiles();
    return Arrays.stream(devices == null ? new File[0] : devices).map(File::getName)
        .filter(name -> name.matches("[a-z][a-z0-9]{0,31}"))
        .sorted(java.util.Comparator.comparing((String name) -> name.matches("(loop|ram|zram).*"))
            .thenComparing(name -> name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("this machine has no block device"));
  }

  /** The seed's topology: n-1..n-3 access, n-4..n-6 one replicated storage cluster. */
  public static ConfigQingStorRequest seedTopology() {
    QsConf conf = new QsConf("127.0.0.1", ANSIBLE_PASS, false, "test", "test.com",
        "stor.test.com", List.of("127.0.0.0/8"), true, null, null, null, null, null,
        Map.of("ntp_server", "127.0.0.1"));
    AccessNodes access = new AccessNodes(new AccessNetwork("lo", refs(1, 2, 3),
        List.of("127.0.100.13", "127.0.100.14", "127.0.100.15"), "127.0.100.100"), false, null);
    StorageClusterSpec cluster = new StorageClusterSpec(0, "vol0", "replicate", null, 3, false,
        "standard", false, 2, device(), refs(4, 5, 6));
    return new ConfigQingStorRequest(conf, access, List.of(cluster), null);
  }

  /**
   * The seed's settings on a few nodes: all of them access nodes (VIPs 127.0.100.13 onwards) and
   * one single-replica storage cluster.
   */
  public static ConfigQingStorRequest smallTopology(int... ids) {
    ConfigQingStorRequest seed = seedTopology();
    List<String> vips = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      vips.add("127.0.100." + (13 + i));
    }
    return new ConfigQingStorRequest(seed.qsConf(),
        new AccessNodes(new AccessNetwork("lo", refs(ids), vips, "127.0.100.100"), false, null),
        List.of(new StorageClusterSpec(0, "vol0", "replicate", null, 1, false, "standard", false,
            1, device(), refs(ids))), null);
  }

  /** References to nodes by their registered ids. */
  public static List<NodeRef> refs(int... ids) {
    List<NodeRef> refs = new ArrayList<>();
    for (int id : ids) {
      refs.add(NodeRef.of(nodeId(id)));
    }
    return refs;
  }

  /** The lines of node i's history file: "job step" per step run there. */
  public List<String> history(int i) throws IOException {
    Path file = qsRoot(i).resolve("state/history");
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  /**
   * Starts node i again after {@code node(i).stop()}, as the same machine rebooted: same
   * address, port, host key, user, password and root. Closed with the fleet.
   */
  public SandboxNode revive(int i) {
    SandboxNode dead = node(i);
    SandboxNode again = SandboxNode.builder(dead.nodeId() + "-again").host(dead.host())
        .port(dead.port()).hostKey(dead.hostKeyPair()).root(dead.root()).user(dead.user())
        .password(NODE_PASSWORD).start();
    revived.add(again);
    return again;
  }

  @Override
  public void close() {
    revived.forEach(SandboxNode::close);
    sandbox.close();
  }
}
