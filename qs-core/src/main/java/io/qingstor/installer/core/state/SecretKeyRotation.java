package io.qingstor.installer.core.state;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.store.DataDirLock;
import io.qingstor.installer.core.store.FileOps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces the key the state's secrets are sealed under, offline (the data directory's lock is
 * taken: a running installer makes it fail, changing nothing). Three durable steps, each safe to
 * crash after: the key file gains a new first key (every value still opens with the old one
 * behind it); every state file with secrets is rewritten, sealed under the new key; the key file
 * keeps only the new key. Running it again after a crash finishes the job.
 */
public final class SecretKeyRotation {
  private SecretKeyRotation() {}

  /** What a rotation did. */
  public record Result(Path keyFile, int keysRetired, int filesResealed) {}

  /**
   * Rotates the key of the data directory {@code dataDir} kept in {@code keyFile}.
   *
   * @throws IllegalStateException naming the key file when it holds no valid key, or the data
   *     directory when another installer has it open
   */
  public static Result rotate(Path dataDir, Path keyFile) {
    requireNonNull(dataDir, "dataDir");
    Path file = requireNonNull(keyFile, "keyFile").toAbsolutePath();
    if (!Files.exists(file)) {
      throw new IllegalStateException("no secret key file " + file + " to rotate: the installer"
          + " creates it on its first start (or pass the one in use with --secret-key-file)");
    }
    try {
      List<byte[]> old = SecretBox.readKeys(file);
      // Taken and released first: a running installer fails the rotation before it changes anything.
      DataDirLock.acquire(dataDir).close();
      byte[] fresh = SecretBox.newKey();
      List<byte[]> both = new ArrayList<>();
      both.add(fresh);
      both.addAll(old);
      writeKeyFile(file, both);
      int resealed;
      try (FileStateStore store = new FileStateStore(dataDir, FileOps.real(), file)) {
        resealed = store.resealSecrets();
      }
      writeKeyFile(file, List.of(fresh));
      return new Result(file, old.size(), resealed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rotate the secret key in " + file + ": " + e, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the secret key file " + file + " holds no valid key ("
          + e.getMessage() + "); nothing was changed", e);
    }
  }

  /** Replaces the key file atomically (0600 from its creation), durable before it returns. */
  private static void writeKeyFile(Path file, List<byte[]> keys) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".rotating");
    Files.deleteIfExists(temp);
    Files.createFile(temp, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temp, SecretBox.keyFileText(keys), StandardCharsets.US_ASCII,
        StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
