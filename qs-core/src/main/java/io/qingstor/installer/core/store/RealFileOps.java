package io.qingstor.installer.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** {@link FileOps} on the real file system (POSIX: a directory is flushed by fsync on its descriptor). */
final class RealFileOps implements FileOps {

  static final RealFileOps INSTANCE = new RealFileOps();

  private RealFileOps() {
  }

  @Override
  public void write(FileChannel ch, ByteBuffer data) throws IOException {
    // A regular file normally takes the whole buffer in one write(2); loop for the rare short write.
    while (data.hasRemaining()) {
      ch.write(data);
    }
  }

  @Override
  public void force(FileChannel ch) throws IOException {
    ch.force(true);
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    // ATOMIC_MOVE is rename(2), which replaces an existing target atomically.
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public String toString() {
    return "FileOps.real()";
  }
}
