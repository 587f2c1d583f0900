package io.qingstor.installer.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The four file-system operations an atomic write is made of; the seam for fault-injection tests.
 *
 * <p>{@link DurableFiles} and {@link StepLog} perform every data write, flush and rename through
 * this interface, so a test can fail (or "crash") at each boundary and check what is left on disk.
 */
public interface FileOps {

  /**
   * Writes all remaining bytes of {@code data} at the channel's current position.
   *
   * @throws IOException if the bytes cannot be written (some may have been)
   */
  void write(FileChannel ch, ByteBuffer data) throws IOException;

  /**
   * Forces the channel's content and metadata to the storage device (fsync).
   *
   * @throws IOException if the flush fails; the data may not be durable
   */
  void force(FileChannel ch) throws IOException;

  /**
   * Renames {@code from} to {@code to} atomically, replacing {@code to} if it exists.
   *
   * @throws IOException if the rename fails; then {@code to} is unchanged
   */
  void move(Path from, Path to) throws IOException;

  /**
   * Forces a directory's entries to the storage device, making creations, renames and deletions
   * inside it durable.
   *
   * @throws IOException if the directory cannot be opened or flushed
   */
  void forceDirectory(Path dir) throws IOException;

  /** Returns the operations backed by the real file system. */
  static FileOps real() {
    return RealFileOps.INSTANCE;
  }
}
