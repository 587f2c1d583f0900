package io.qingstor.installer.server.support;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.support.SupportFile;
import io.qingstor.installer.server.ServerOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server adds to the core's support bundle: {@code server/options.txt} (its options,
 * secrets hidden) and {@code server/log-tail.txt} (the last {@link ServerLogTail#LINES} lines it
 * logged), and the secrets only it knows (TLS keystore and initial admin passwords, metrics
 * token), which the
 * bundle replaces wherever they appear.
 */
public final class ServerSupport {
  private final ServerOptions options;
  private final ServerLogTail tail;

  /** Support files of a server started with {@code options}, logging into {@code tail}. */
  public ServerSupport(ServerOptions options, ServerLogTail tail) {
    this.options = requireNonNull(options, "options");
    this.tail = requireNonNull(tail, "tail");
  }

  /** The server's files, as they are now. */
  public List<SupportFile> files() {
    return List.of(new SupportFile("server/options.txt", options + "\n"),
        new SupportFile("server/log-tail.txt", String.join("\n", tail.lines()) + "\n"));
  }

  /** The secrets of the server's own options. */
  public List<String> secrets() {
    List<String> secrets = new ArrayList<>();
    secrets.add(options.tlsPassword());
    options.initialAdminPassword().ifPresent(secrets::add);
    options.metricsToken().ifPresent(secrets::add);
    return secrets;
  }
}
