package io.qingstor.installer.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd} listening on one loopback address, for tests that must meet the
 * SSH server operators run (Ansible, SFTP, sudo). It has its own host key, config and temp
 * directory, accepts a generated ed25519 client key (and a password when asked), serves SFTP,
 * and is stopped with its session processes by {@link #close()}.
 *
 * <p>Tests call {@link #unavailableReason(String)} first and skip with that reason: sshd may be
 * missing (`.ci/run` installs openssh-server), and logging in as another user needs root.
 */
public final class OpenSshNode implements AutoCloseable {
  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final String host;
  private final int port;
  private final String user;
  private final Path dir;
  private final Process sshd;

  private OpenSshNode(String host, int port, String user, Path dir, Process sshd) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.dir = dir;
    this.sshd = sshd;
  }

  /** The OS user running this JVM. */
  public static String currentUser() {
    return System.getProperty("user.name");
  }

  /**
   * Why a node for {@code user} cannot start here, or empty when it can: sshd or ssh-keygen
   * missing, the user missing, or another user's login asked for without root.
   */
  public static Optional<String> unavailableReason(String user) {
    if (!Files.isExecutable(SSHD) || !Files.isExecutable(SSH_KEYGEN)) {
      return Optional.of("OpenSSH is not installed (" + SSHD + ", " + SSH_KEYGEN
          + "): apt-get install openssh-server, as .ci/run does");
    }
    if (!user.equals(currentUser()) && !"root".equals(currentUser())) {
      return Optional.of("a real sshd for user " + user + " needs root (running as "
          + currentUser() + ")");
    }
    if (!user.equals(currentUser()) && run(List.of("id", "-u", user)) != 0) {
      return Optional.of("no OS user " + user + ": .ci/run creates it (useradd " + user + ")");
    }
    return Optional.empty();
  }

  /** Starts a node on {@code host} (a 127.x address) at a free port, for the current user. */
  public static OpenSshNode start(String host) {
    return builder(host).start();
  }

  /** A builder for a node on {@code host}. */
  public static Builder builder(String host) {
    return new Builder(host);
  }

  /** The address sshd listens on. */
  public String host() {
    return host;
  }

  /** The port sshd listens on. */
  public int port() {
    return port;
  }

  /** The user that may log in. */
  public String user() {
    return user;
  }

  /** The client private key (OpenSSH format, unencrypted) that the node accepts. */
  public String privateKey() {
    return read(privateKeyFile());
  }

  /** The file holding {@link #privateKey()}, mode 0600. */
  public Path privateKeyFile() {
    return dir.resolve("client_key");
  }

  /** The server's public host key, as {@code "ssh-ed25519 AAAA..."}. */
  public String hostPublicKey() {
    String[] fields = read(dir.resolve("host_key.pub")).trim().split(" ");
    return fields[0] + " " + fields[1];
  }

  /** The line an OpenSSH known_hosts file needs to trust this node. */
  public String knownHostsLine() {
    return "[" + host + "]:" + port + " " + hostPublicKey();
  }

  /** The last lines sshd logged (for assertion messages). */
  public String logTail() {
    List<String> lines = read(dir.resolve("sshd.log")).lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  /** Stops sshd and every session process it started; removes the temp directory. */
  @Override
  public void close() {
    sshd.descendants().forEach(ProcessHandle::destroy);
    sshd.destroy();
    try {
      if (!sshd.waitFor(5, TimeUnit.SECONDS)) {
        sshd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sshd.descendants().forEach(ProcessHandle::destroyForcibly);
    deleteTree(dir);
  }

  /** Sets up and starts an {@link OpenSshNode}. */
  public static final class Builder {
    private final String host;
    private int port;
    private String user = currentUser();
    private String password;

    private Builder(String host) {
      this.host = requireNonNull(host, "host");
      if (!host.startsWith("127.")) {
        throw new IllegalArgumentException("test nodes listen on 127.0.0.0/8 only, not " + host);
      }
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The user that may log in (default: the current user; another user needs root). */
    public Builder user(String user) {
      this.user = requireNonNull(user, "user");
      return this;
    }

    /**
     * Also accept {@code password} for the user. Sets the OS user's password (chpasswd), so it
     * is refused for root and for the current user: use a dedicated test user.
     */
    public Builder password(String password) {
      this.password = requireNonNull(password, "password");
      return this;
    }

    /**
     * Starts sshd and waits until it answers with its banner.
     *
     * @throws IllegalStateException if it is unavailable here ({@link #unavailableReason}) or
     *     does not come up in 15 s (the message holds sshd's log)
     */
    public OpenSshNode start() {
      unavailableReason(user).ifPresent(reason -> {
        throw new IllegalStateException(reason);
      });
      if (password != null && (user.equals("root") || user.equals(currentUser()))) {
        throw new IllegalArgumentException("refusing to set the password of " + user);
      }
      Path dir = null;
      try {
        dir = Files.createTempDirectory("qs-openssh-");
        // The user's own sshd process reads the authorized keys: it must be able to get there.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        keygen(dir.resolve("host_key"));
        keygen(dir.resolve("client_key"));
        Path keys = Files.createDirectory(dir.resolve("authorized_keys"));
        Files.writeString(keys.resolve(user), read(dir.resolve("client_key.pub")));
        Files.setPosixFilePermissions(keys.resolve(user), PosixFilePermissions.fromString("rw-r--r--"));
        if (password != null && feed(List.of("chpasswd"), user + ":" + password + "\n") != 0) {
          throw new IllegalStateException("chpasswd failed for " + user);
        }
        int chosen = port != 0 ? port : freePort(host);
        Files.writeString(dir.resolve("sshd_config"), config(dir, chosen));
        if ("root".equals(currentUser())) {
          Files.createDirectories(Path.of("/run/sshd"));
        }
        Process sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f",
            dir.resolve("sshd_config").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
        OpenSshNode node = new OpenSshNode(host, chosen, user, dir, sshd);
        awaitBanner(node);
        return node;
      } catch (IOException e) {
        if (dir != null) {
          deleteTree(dir);
        }
        throw new UncheckedIOException(e);
      }
    }

    private String config(Path dir, int chosen) {
      return String.join("\n",
          "ListenAddress " + host + ":" + chosen,
          "HostKey " + dir.resolve("host_key"),
          "PidFile " + dir.resolve("sshd.pid"),
          "AuthorizedKeysFile " + dir.resolve("authorized_keys") + "/%u",
          "StrictModes no",
          "UsePAM no",
          "PubkeyAuthentication yes",
          "PasswordAuthentication " + (password != null ? "yes" : "no"),
          "KbdInteractiveAuthentication no",
          "PermitRootLogin prohibit-password",
          "AllowUsers " + user,
          "Subsystem sftp internal-sftp",
          "MaxStartups 200",
          "MaxSessions 64",
          "LogLevel ERROR",
          "");
    }
  }

  private static void awaitBanner(OpenSshNode node) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!node.sshd.isAlive()) {
        break;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(node.host, node.port), 500);
        socket.setSoTimeout(2000);
        byte[] banner = socket.getInputStream().readNBytes(7);
        if (new String(banner, UTF_8).equals("SSH-2.0")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet: poll again until the deadline
      }
      try {
        Thread.sleep(50); // polling interval, not synchronisation: the loop checks the banner
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    String log = node.logTail();
    node.close();
    throw new IllegalStateException("sshd on " + node.host + ":" + node.port
        + " did not come up within " + START_TIMEOUT.toSeconds() + " s: " + log);
  }

  private static void keygen(Path file) {
    if (run(List.of(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "qs-test",
        "-f", file.toString())) != 0) {
      throw new IllegalStateException("ssh-keygen failed for " + file);
    }
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    }
  }

  private static int run(List<String> command) {
    return feed(command, null);
  }

  private static int feed(List<String> command, String stdin) {
    try {
      Process process = new ProcessBuilder(new ArrayList<>(command))
          .redirectErrorStream(true).start();
      try (var in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(UTF_8));
        }
      }
      try (InputStream out = process.getInputStream()) {
        out.readAllBytes();
      }
      return process.waitFor();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: a temp directory left behind is harmless
    }
  }
}
