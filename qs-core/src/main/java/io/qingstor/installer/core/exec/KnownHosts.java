package io.qingstor.installer.core.exec;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host key checking over an OpenSSH-format known_hosts file, "accept-new" by default or strict.
 *
 * <p>An unknown host's key is recorded (appended to the file, mode 0600), or, when strict, the
 * host is refused before any credential is offered; a known host must present a recorded key
 * (or one whose fingerprint is pinned: a {@code host SHA256:...} line, written by {@link #pin}),
 * or the connection is refused and the {@link #REJECTION} holder in the connection context says
 * why. The file is re-read when it changes on disk, so removing a line by hand lets a
 * reinstalled node be accepted again. Hashed ({@code |1|}) and marker ({@code @...}) lines are
 * ignored. {@link #forget} removes a host's lines (ModifyNodes); it shares the file's lock with
 * every verifier of the same file, so a key being recorded is never lost to a concurrent rewrite.
 */
final class KnownHosts implements ServerKeyVerifier {

  /** The {@code [host]:port} (or {@code host} for port 22) a session was opened for. */
  static final AttributeKey<String> HOST_TOKEN = new AttributeKey<>();
  /**
   * Holds why the host key was refused. It lives in the connection context rather than on the
   * session because MINA clears a session's attributes when it closes it, which races the reader.
   */
  static final AttributeKey<AtomicReference<String>> REJECTION = new AttributeKey<>();

  private static final Logger LOG = LoggerFactory.getLogger(KnownHosts.class);
  private static final String CHANGED = " has changed";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  /** One lock per known_hosts file, shared by its verifiers and {@link #forget}. */
  private static final Map<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final boolean strict;
  private final Object lock;
  private Map<String, List<String>> keysByHost = new HashMap<>();
  private FileTime loadedModified;
  private long loadedSize = -1;

  KnownHosts(Path file, boolean strict) {
    this.file = requireNonNull(file, "file").toAbsolutePath();
    this.strict = strict;
    this.lock = lockOf(this.file);
  }

  private static Object lockOf(Path absolute) {
    return FILE_LOCKS.computeIfAbsent(absolute.normalize(), p -> new Object());
  }

  /**
   * Removes every line of {@code file} naming {@code host} on {@code port}, replacing the file
   * atomically (mode 0600); a host listed beside others on one line keeps the others.
   *
   * @throws UncheckedIOException when the file cannot be read or replaced
   */
  static void forget(Path file, String host, int port) {
    String token = token(host, port);
    if (rewrite(file, token, null)) {
      LOG.info("forgot the host key of {} in {}", token, file.toAbsolutePath());
    }
  }

  /**
   * Pins {@code key} for {@code host} on {@code port}: the host's other lines go, one line with
   * the key (or its fingerprint) takes their place, atomically (mode 0600).
   *
   * @throws UncheckedIOException when the file cannot be read or replaced
   */
  static void pin(Path file, String host, int port, HostKey key) {
    String token = token(host, port);
    rewrite(file, token, token + " " + key.entry());
    LOG.info("pinned the host key of {} in {}: {}", token, file.toAbsolutePath(),
        key.isFingerprint() ? key.entry() : key.entry().split(" ")[0]);
  }

  /** Removes {@code token}'s lines and appends {@code added} (when not null); true if changed. */
  private static boolean rewrite(Path file, String token, String added) {
    Path absolute = file.toAbsolutePath();
    synchronized (lockOf(absolute)) {
      try {
        if (!Files.exists(absolute) && added == null) {
          return false;
        }
        List<String> lines = Files.exists(absolute)
            ? Files.readAllLines(absolute, StandardCharsets.UTF_8) : List.of();
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
          String without = withoutHost(line, token);
          if (without != null) {
            kept.add(without);
          }
        }
        if (added != null) {
          kept.add(added);
        }
        if (kept.equals(lines)) {
          return false;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.write(temp, kept.stream().map(l -> l + "\n").collect(Collectors.joining())
            .getBytes(StandardCharsets.UTF_8), StandardOpenOption.SYNC);
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot " + (added == null ? "forget" : "pin")
            + " the host key of " + token + " in " + absolute, e);
      }
    }
  }

  /** The line without {@code token} among its hosts; null when nothing of it is left. */
  private static String withoutHost(String raw, String token) {
    String line = raw.strip();
    if (line.isEmpty() || line.startsWith("#") || line.startsWith("|") || line.startsWith("@")) {
      return raw;
    }
    String[] fields = line.split("\\s+", 2);
    List<String> hosts = new ArrayList<>(List.of(fields[0].split(",")));
    if (!hosts.remove(token)) {
      return raw;
    }
    return hosts.isEmpty() || fields.length < 2 ? null : String.join(",", hosts) + " " + fields[1];
  }

  /** Returns the known_hosts token for {@code host} and {@code port}, as OpenSSH writes it. */
  static String token(String host, int port) {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
    String host = session.getConnectionContext() == null ? null
        : session.getConnectionContext().getAttribute(HOST_TOKEN);
    if (host == null) {
      return reject(session, "no target recorded for the connection to " + remoteAddress);
    }
    String presented = PublicKeyEntry.toString(serverKey);
    synchronized (lock) {
      try {
        reloadIfChanged();
        List<String> known = keysByHost.getOrDefault(host, List.of());
        if (known.contains(presented) || known.contains(KeyUtils.getFingerPrint(serverKey))) {
          return true;
        }
        if (!known.isEmpty()) {
          return reject(session, "host key of " + host + CHANGED + " (now " + KeyUtils.getKeyType(serverKey)
              + " " + KeyUtils.getFingerPrint(serverKey) + "); refusing to connect. If the node was reinstalled,"
              + " remove its line from " + file);
        }
        if (strict) {
          return reject(session, "host key of " + host + " is not known and host keys are strict"
              + " (now " + KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(serverKey)
              + "); refusing to connect before any credential is sent. Pin it with AddNodes host_key"
              + " or add its line to " + file);
        }
        record(host, presented);
        LOG.info("recorded new host key of {}: {}", host, KeyUtils.getFingerPrint(serverKey));
        return true;
      } catch (IOException | RuntimeException e) {
        return reject(session, "cannot use known hosts file " + file + ": " + e);
      }
    }
  }

  /** The failure reason of a refusal this verifier explained with {@code rejection}. */
  static FailureReason reasonOf(String rejection) {
    return rejection.contains(CHANGED) ? FailureReason.HOST_KEY_CHANGED
        : FailureReason.HOST_KEY_UNVERIFIED;
  }

  private boolean reject(ClientSession session, String reason) {
    LOG.warn("{}", reason);
    AtomicReference<String> holder = session.getConnectionContext() == null ? null
        : session.getConnectionContext().getAttribute(REJECTION);
    if (holder != null) {
      holder.set(reason);
    }
    return false;
  }

  private void reloadIfChanged() throws IOException {
    if (!Files.exists(file)) {
      keysByHost = new HashMap<>();
      loadedModified = null;
      loadedSize = -1;
      return;
    }
    FileTime modified = Files.getLastModifiedTime(file);
    long size = Files.size(file);
    if (modified.equals(loadedModified) && size == loadedSize) {
      return;
    }
    keysByHost = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    loadedModified = modified;
    loadedSize = size;
  }

  private static Map<String, List<String>> parse(List<String> lines) {
    Map<String, List<String>> result = new HashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("|") || line.startsWith("@")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      // A pinned fingerprint stands alone; a key is a type and its base64.
      boolean fingerprint = fields.length >= 2 && fields[1].startsWith(HostKey.FINGERPRINT_PREFIX);
      if (fields.length < 3 && !fingerprint) {
        continue;
      }
      String key = fingerprint ? fields[1] : fields[1] + " " + fields[2];
      for (String host : fields[0].split(",")) {
        result.computeIfAbsent(host, h -> new ArrayList<>()).add(key);
      }
    }
    return result;
  }

  private void record(String host, String key) throws IOException {
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (!Files.exists(file)) {
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(file);
      }
    }
    if (posix) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
    String line = host + " " + key + "\n";
    Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    keysByHost.computeIfAbsent(host, h -> new ArrayList<>()).add(key);
    loadedModified = Files.getLastModifiedTime(file);
    loadedSize = Files.size(file);
  }
}
