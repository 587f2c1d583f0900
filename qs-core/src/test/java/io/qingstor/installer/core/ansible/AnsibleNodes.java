package io.qingstor.installer.core.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingstor.installer.api.model.AccessNetwork;
import io.qingstor.installer.api.model.AccessNodes;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.StorageClusterSpec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.engine.Fleet;
import io.qingstor.installer.testing.OpenSshNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Test fixture: real OpenSSH nodes on 127.0.60.x for user {@code qs-test} (key login), each with
 * a {@code qs_root} that user owns, and the inventory lines that reach them.
 */
final class AnsibleNodes implements AutoCloseable {
  static final String USER = "qs-test";

  private final List<OpenSshNode> nodes = new ArrayList<>();
  private final Path roots;

  private AnsibleNodes(Path roots) {
    this.roots = roots;
  }

  /** Why these tests cannot run here (no sshd, no ansible-playbook, no qs-test user), if so. */
  static Optional<String> unavailableReason() {
    if (AnsibleInstallation.resolve("ansible-playbook").isEmpty()
        || AnsibleInstallation.resolve("sshpass").isEmpty()) {
      return Optional.of("ansible-playbook or sshpass is not installed (.ci/run installs them)");
    }
    return OpenSshNode.unavailableReason(USER);
  }

  /** Starts {@code count} nodes on 127.0.60.{@code first} onwards. */
  static AnsibleNodes start(int count, int first) throws IOException {
    Path roots = Files.createTempDirectory("qs-ansible-roots-");
    Files.setPosixFilePermissions(roots, PosixFilePermissions.fromString("rwxr-xr-x"));
    AnsibleNodes fleet = new AnsibleNodes(roots);
    try {
      UserPrincipal owner = roots.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName(USER);
      for (int i = 0; i < count; i++) {
        fleet.nodes.add(OpenSshNode.builder("127.0.60." + (first + i)).user(USER).start());
        Path root = Files.createDirectories(roots.resolve("n-" + (i + 1)).resolve("state"));
        Files.setOwner(root.getParent(), owner);
        Files.setOwner(root, owner);
      }
      return fleet;
    } catch (IOException | RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  static String nodeId(int i) {
    return "n-" + i;
  }

  OpenSshNode node(int i) {
    return nodes.get(i - 1);
  }

  int size() {
    return nodes.size();
  }

  Path qsRoot(int i) {
    return roots.resolve(nodeId(i));
  }

  /** An inventory as the installer renders it: every node in group {@code storage}. */
  String inventory() {
    StringBuilder ini = new StringBuilder("[storage]\n");
    for (int i = 1; i <= nodes.size(); i++) {
      OpenSshNode n = node(i);
      ini.append(nodeId(i)).append(" ansible_host=").append(n.host()).append(" ansible_port=")
          .append(n.port()).append(" ansible_user=").append(USER).append(" qs_root=")
          .append(qsRoot(i)).append('\n');
    }
    return ini.toString();
  }

  /** Every node's credentials: its key. */
  List<AnsibleHost> hosts() {
    List<AnsibleHost> hosts = new ArrayList<>();
    for (int i = 1; i <= nodes.size(); i++) {
      hosts.add(new AnsibleHost(nodeId(i), null, node(i).privateKey(), null));
    }
    return hosts;
  }

  List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= nodes.size(); i++) {
      ids.add(nodeId(i));
    }
    return ids;
  }

  /** Empties node i's {@code qs_root}, leaving {@code state/} owned by the node's user. */
  void clean(int i) throws IOException {
    Path root = qsRoot(i);
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root))
          .forEach(p -> p.toFile().delete());
    }
    Path state = Files.createDirectories(root.resolve("state"));
    Files.setOwner(state, root.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(USER));
  }

  /** Registers every node with AddNodes: key login as {@link #USER}, its {@code qs_root}. */
  void register(QingStorCore core) {
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 1; i <= nodes.size(); i++) {
      specs.add(new NodeSpec(nodeId(i), node(i).host(), node(i).port(), USER, null,
          node(i).privateKey(), Map.of("qs_root", qsRoot(i).toString())));
    }
    core.addNodes(new AddNodesRequest(specs));
  }

  /**
   * A config over these nodes: n-1 the access node (VIP and bridge VIP on 127.0.60.{@code vip}
   * and the next address), every node in one replicated storage cluster.
   */
  ConfigQingStorRequest config(int replica, int vip) {
    ConfigQingStorRequest seed = Fleet.seedTopology();
    int[] all = java.util.stream.IntStream.rangeClosed(1, nodes.size()).toArray();
    return new ConfigQingStorRequest(seed.qsConf(),
        new AccessNodes(new AccessNetwork("lo", Fleet.refs(1), List.of("127.0.60." + vip),
            "127.0.60." + (vip + 1)), false, null),
        List.of(new StorageClusterSpec(0, "vol0", "replicate", null, replica, false, "standard",
            false, 2, Fleet.device(), Fleet.refs(all))), null);
  }

  /** Waits until no ansible-playbook or ssh of {@code data} runs, nor the task {@code task}. */
  static void assertNothingLeftRunning(Path data, String task) {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(processesMentioning(data.toString())).as("ansible and ssh processes").isEmpty();
      assertThat(processesMentioning(task)).as("the task on the node").isEmpty();
    });
  }

  /** Processes (other than this JVM) whose command line contains {@code text}. */
  static List<String> processesMentioning(String text) throws IOException {
    List<String> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
          continue;
        }
        try {
          String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")),
              StandardCharsets.UTF_8).replace('\0', ' ');
          if (cmdline.contains(text)) {
            found.add(name + ": " + cmdline);
          }
        } catch (IOException gone) {
          // the process ended while we looked
        }
      }
    }
    return found;
  }

  List<String> history(int i) throws IOException {
    Path file = qsRoot(i).resolve("state/history");
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  @Override
  public void close() {
    nodes.forEach(OpenSshNode::close);
    try (Stream<Path> paths = Files.walk(roots)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temp files left behind are harmless
    }
  }
}
