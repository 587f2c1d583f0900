package io.qingstor.installer.testing.sandbox;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of {@link SandboxNode}s on consecutive loopback addresses {@code 127.0.0.<base+i>},
 * sharing one user and password; node ids are {@code node-1 ... node-N}.
 */
public final class SandboxFleet implements AutoCloseable {

  private final List<SandboxNode> nodes;

  private SandboxFleet(List<SandboxNode> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts {@code count} nodes on 127.0.0.{@code base} onwards, as the current OS user.
   *
   * @throws IllegalArgumentException if the addresses would leave 127.0.0.1-127.0.0.254
   * @throws java.io.UncheckedIOException if a node cannot start (those started are closed)
   */
  public static SandboxFleet start(int count, int base, String password) {
    return start(count, base, System.getProperty("user.name", "root"), password);
  }

  /**
   * Starts {@code count} nodes on 127.0.0.{@code base} onwards accepting {@code user} with
   * {@code password}.
   *
   * @throws IllegalArgumentException if {@code count} is not positive or the addresses would
   *     leave 127.0.0.1-127.0.0.254
   * @throws java.io.UncheckedIOException if a node cannot start (those started are closed)
   */
  public static SandboxFleet start(int count, int base, String user, String password) {
    return start(count, "127.0.0.", base, user, password);
  }

  /**
   * Starts {@code count} nodes on {@code network + base} onwards (e.g. {@code "127.0.45."} and 1)
   * accepting {@code user} with {@code password}.
   *
   * @throws IllegalArgumentException if {@code network} is not a 127.x.y. prefix, {@code count}
   *     is not positive or the addresses would leave .1-.254
   * @throws java.io.UncheckedIOException if a node cannot start (those started are closed)
   */
  public static SandboxFleet start(int count, String network, int base, String user,
      String password) {
    requireNonNull(network, "network");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    if (!network.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.")) {
      throw new IllegalArgumentException("network must be a loopback prefix like 127.0.45., not "
          + network);
    }
    if (count < 1 || base < 1 || base + count - 1 > 254) {
      throw new IllegalArgumentException("need 1 or more nodes within " + network + "1-254, got "
          + count + " from " + network + base);
    }
    List<SandboxNode> started = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        started.add(SandboxNode.start("node-" + (i + 1), network + (base + i), user, password));
      }
      return new SandboxFleet(started);
    } catch (RuntimeException e) {
      started.forEach(SandboxNode::close);
      throw e;
    }
  }

  /** Returns the nodes in address order. */
  public List<SandboxNode> nodes() {
    return nodes;
  }

  /** Returns the node at {@code index} (0-based). */
  public SandboxNode node(int index) {
    return nodes.get(index);
  }

  /** Returns the number of nodes. */
  public int size() {
    return nodes.size();
  }

  /** Closes every node and deletes their temp roots. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (SandboxNode node : nodes) {
      try {
        node.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
