package io.qingstor.installer.core.reliability;

import io.qingstor.installer.testing.sandbox.SandboxNode;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * A sandbox node that can die and come back as the same machine: same address, port, host key,
 * user, password and root directory.
 */
final class RestartableNode implements AutoCloseable {
  private final SandboxNode first;
  private final int port;
  private final KeyPair hostKey;
  private SandboxNode current;

  RestartableNode(String nodeId, String host, String user, String password) {
    this.first = SandboxNode.start(nodeId, host, user, password);
    this.port = first.port();
    this.hostKey = first.hostKeyPair();
    this.current = first;
  }

  synchronized SandboxNode node() {
    return current;
  }

  synchronized boolean up() {
    return current.isRunning();
  }

  /** Kills the node: sessions close abruptly, its commands die. */
  synchronized void kill() {
    current.stop();
  }

  /** Starts the node again if it is down. */
  synchronized void revive() {
    if (!current.isRunning()) {
      current = SandboxNode.builder(first.nodeId()).host(first.host()).port(port)
          .user(first.user()).password(first.password()).hostKey(hostKey).root(first.root())
          .start();
    }
  }

  Path root() {
    return first.root();
  }

  /** Stops it for good and deletes its root directory. */
  @Override
  public synchronized void close() {
    current.close();
    first.close();
  }
}
