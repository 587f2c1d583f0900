package io.qingstor.installer.core.ansible;

import io.qingstor.installer.testing.OpenSshNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
