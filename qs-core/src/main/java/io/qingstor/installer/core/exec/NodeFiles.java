package io.qingstor.installer.core.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The files of one node, opened for one step: SFTP on the node's pooled SSH session
 * ({@link SshExecutor}), or the local file system ({@link LocalExecutor}). Paths are absolute.
 * One instance serves one thread; close it to give the session back.
 */
public interface NodeFiles extends AutoCloseable {

  /** What {@link #stat} tells about a path. */
  record Stat(long size, int mode, boolean directory) { }

  /** The path's size, permission bits and type, or empty when nothing is there. */
  Optional<Stat> stat(String path) throws IOException;

  /** {@code path} made absolute: a relative path starts from the login (home) directory. */
  String absolute(String path) throws IOException;

  /** Opens the file for reading. */
  InputStream read(String path) throws IOException;

  /** Creates the directory and its missing parents (mode 0755 less the node's umask). */
  void createDirectories(String directory) throws IOException;

  /**
   * Opens {@code path} for writing from its start, creating it, with permission bits
   * {@code mode} set before any byte is written. Closing the stream flushes it to stable storage
   * where the node supports that.
   */
  OutputStream write(String path, int mode) throws IOException;

  /** Sets the permission bits. */
  void chmod(String path, int mode) throws IOException;

  /** Replaces {@code target} by {@code source} in one step (both in the same directory). */
  void rename(String source, String target) throws IOException;

  /** Removes a file; nothing happens when it is absent. */
  void delete(String path) throws IOException;

  /** Releases the session. */
  @Override
  void close() throws IOException;
}
