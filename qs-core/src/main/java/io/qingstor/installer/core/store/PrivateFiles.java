package io.qingstor.installer.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides permissions: files are created 0600 and directories 0700, both at
 * creation time (open(2)/mkdir(2) mode), so nothing is ever readable by others, even briefly.
 */
final class PrivateFiles {

  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

  private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
  private static final Set<OpenOption> CREATE_NEW =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final Set<OpenOption> OPEN_OR_CREATE =
      Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

  private PrivateFiles() {
  }

  /** Creates {@code file}, which must not exist, mode 0600, open for writing. */
  static FileChannel createNew(Path file) throws IOException {
    return FileChannel.open(file, CREATE_NEW, PosixFilePermissions.asFileAttribute(FILE_MODE));
  }

  /** Opens {@code file} for reading and writing, creating it mode 0600 if missing. */
  static FileChannel openOrCreate(Path file) throws IOException {
    return FileChannel.open(file, OPEN_OR_CREATE, PosixFilePermissions.asFileAttribute(FILE_MODE));
  }

  /**
   * Creates {@code dir} and its missing ancestors mode 0700, flushing each new entry's parent so
   * the new directories survive a crash.
   *
   * @throws NotDirectoryException if {@code dir} or an ancestor exists as something else
   */
  static void createDirectories(Path dir, FileOps ops) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createDirectories(parent, ops);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw new NotDirectoryException(dir.toString());
      }
      return; // created concurrently by another writer
    }
    if (parent != null) {
      ops.forceDirectory(parent);
    }
  }

  /**
   * Makes {@code root} an existing directory with mode 0700, creating it or tightening a looser
   * mode (with a warning).
   *
   * @throws NotDirectoryException if {@code root} exists but is not a directory
   */
  static void preparePrivateRoot(Path root, FileOps ops) throws IOException {
    createDirectories(root, ops);
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(root);
    if (!mode.equals(DIRECTORY_MODE)) {
      log.warn("Data directory {} had mode {}; setting it to {}", root,
          PosixFilePermissions.toString(mode), PosixFilePermissions.toString(DIRECTORY_MODE));
      Files.setPosixFilePermissions(root, DIRECTORY_MODE);
    }
  }
}
