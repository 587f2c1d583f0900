package io.qingstor.installer.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Exclusive use of a data directory: an OS lock on its {@code lock} file, held until
 * {@link #close()} or the process ends (a {@code kill -9} releases it too). Two installers
 * writing one directory would each overwrite the other's state, so the second one refuses to
 * start. The file holds the owner's pid, for the message.
 *
 * <p>Directories held by this process are also tracked here: on Linux, closing any channel of a
 * file drops every lock the process holds on it, so a second open in the same process must be
 * refused before it touches the file.
 */
public final class DataDirLock implements AutoCloseable {
  static final String FILE_NAME = "lock";

  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path dataDir;
  private final FileChannel channel;
  private final FileLock lock;
  private final AtomicBoolean released = new AtomicBoolean();

  private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
    this.dataDir = dataDir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dataDir} (which exists).
   *
   * @throws IllegalStateException when another installer, in this process or another, holds it
   */
  public static DataDirLock acquire(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    if (!HELD_HERE.add(dir)) {
      throw inUse(dir, "this process");
    }
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel = PrivateFiles.openOrCreate(file);
      // A lock file left by an older installer may have a wider mode.
      Files.setPosixFilePermissions(file, PrivateFiles.FILE_MODE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        String owner = Files.readString(file, StandardCharsets.UTF_8).strip();
        throw inUse(dir, owner.isEmpty() ? "another process" : "process " + owner);
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.UTF_8)), 0);
      return new DataDirLock(dir, channel, lock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      HELD_HERE.remove(dir);
      throw e instanceof IOException io
          ? new UncheckedIOException("cannot lock data directory " + dir + ": " + io, io)
          : (RuntimeException) e;
    }
  }

  private static IllegalStateException inUse(Path dir, String owner) {
    return new IllegalStateException("data directory " + dir + " is in use by another installer"
        + " (" + owner + "); stop it, or give this one a data directory of its own");
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // the open failure is the one worth reporting
    }
  }

  /** Releases the lock; later calls do nothing. */
  @Override
  public void close() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    try (channel) {
      lock.release();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock of data directory " + dataDir, e);
    } finally {
      HELD_HERE.remove(dataDir);
    }
  }
}
