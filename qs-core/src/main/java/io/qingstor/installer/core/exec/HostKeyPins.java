package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where the host keys the installer trusts are pinned, seen from the node inventory: AddNodes
 * with {@code host_key} pins a node's key before the first connection; when a node's address
 * changes or an operator asks for it ({@code ModifyNodes} with {@code reset_host_key}), the pin
 * is forgotten so that the next connection records the key it finds (unless host keys are
 * strict), instead of refusing the node as "host key changed".
 */
public interface HostKeyPins {

  /** Pins kept nowhere the core can reach (an embedder's own executor): forgetting does nothing. */
  HostKeyPins NONE = new HostKeyPins() {
    @Override
    public void forget(String host, int port) {
    }

    @Override
    public void pin(String host, int port, HostKey key) {
      throw new UnsupportedOperationException("no pins to keep the key in");
    }

    @Override
    public boolean keepsPins() {
      return false;
    }
  };

  /**
   * Forgets the key pinned for {@code host} on {@code port}; nothing happens when none is.
   *
   * @throws UncheckedIOException when the pins cannot be rewritten
   */
  void forget(String host, int port);

  /**
   * Pins {@code key} for {@code host} on {@code port}, replacing any key pinned for it before.
   *
   * @throws UncheckedIOException when the pins cannot be rewritten
   */
  void pin(String host, int port, HostKey key);

  /** False when {@link #pin} cannot keep a key (the executor is an embedder's own). */
  default boolean keepsPins() {
    return true;
  }

  /** The pins of an OpenSSH-format known_hosts file, as {@link SshExecutor} keeps them. */
  static HostKeyPins knownHostsFile(Path file) {
    requireNonNull(file, "file");
    return new HostKeyPins() {
      @Override
      public void forget(String host, int port) {
        KnownHosts.forget(file, host, port);
      }

      @Override
      public void pin(String host, int port, HostKey key) {
        KnownHosts.pin(file, host, port, key);
      }
    };
  }
}
