package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where the host keys the installer trusts are pinned, seen from the node inventory: when a
 * node's address changes or an operator asks for it ({@code ModifyNodes} with
 * {@code reset_host_key}), the pin is forgotten so that the next connection records the key it
 * finds, instead of refusing the node as "host key changed".
 */
public interface HostKeyPins {

  /** Pins kept nowhere the core can reach (an embedder's own executor): forgetting does nothing. */
  HostKeyPins NONE = (host, port) -> { };

  /**
   * Forgets the key pinned for {@code host} on {@code port}; nothing happens when none is.
   *
   * @throws UncheckedIOException when the pins cannot be rewritten
   */
  void forget(String host, int port);

  /** The pins of an OpenSSH-format known_hosts file, as {@link SshExecutor} keeps them. */
  static HostKeyPins knownHostsFile(Path file) {
    requireNonNull(file, "file");
    return (host, port) -> KnownHosts.forget(file, host, port);
  }
}
