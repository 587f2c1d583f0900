package io.qingstor.installer.core.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atomic, durable replacement of small state files inside one data directory.
 *
 * <p>A {@link #write} goes through a temp file in the target's directory (created 0600), is
 * written, fsynced, renamed over the target and then the directory is fsynced: once it returns,
 * the new content survives {@code kill -9} and power loss, and a crash at any point leaves the
 * file as exactly the old or the new version plus, at worst, a temp file that
 * {@link #removeLeftoverTempFiles} deletes at the next start. The content format is the caller's.
 *
 * <p>Paths are relative to {@link #root()} and may not leave it. Directories are created 0700 as
 * needed. Names of the form {@code .<name>.<16 hex digits>.tmp} are reserved for temp files.
 * Thread-safe; concurrent writes of the same file are each atomic and the last rename wins, so
 * callers serialise writers of one file. Requires a POSIX file system.
 */
public final class DurableFiles {

  /** The largest file {@link #read} accepts; state files are far smaller. */
  static final long MAX_READ_BYTES = 64L << 20;

  private static final int MAX_NAME_LENGTH = 200; // leaves room for the temp-name decoration

  private static final Logger log = LoggerFactory.getLogger(DurableFiles.class);

  private final Path root;
  private final FileOps ops;

  /**
   * Opens the data directory {@code root}, creating it with mode 0700 if missing and tightening
   * its mode to 0700 if it is looser.
   *
   * @throws UncheckedIOException if the directory cannot be created or its mode fixed, or
   *     {@code root} exists but is not a directory
   */
  public DurableFiles(Path root, FileOps ops) {
    this.root = requireNonNull(root, "root").toAbsolutePath().normalize();
    this.ops = requireNonNull(ops, "ops");
    try {
      PrivateFiles.preparePrivateRoot(this.root, ops);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare data directory " + this.root + ": " + e, e);
    }
  }

  /**
   * Atomically and durably replaces the file at {@code relative} with {@code content}.
   *
   * @throws IllegalArgumentException if the path is absolute, leaves the root, is the root or
   *     uses a reserved temp-file name
   * @throws StateTooLargeException if {@code content} is larger than {@link #read} accepts;
   *     nothing is written
   * @throws IOException if writing, flushing or renaming fails: then the old file is intact;
   *     if only the final directory flush fails, the new content is in place but may not be
   *     durable yet
   */
  public void write(Path relative, byte[] content) throws IOException {
    requireNonNull(content, "content");
    Path target = resolveFile(relative);
    if (content.length > MAX_READ_BYTES) {
      throw new StateTooLargeException(relative.toString(), content.length, MAX_READ_BYTES);
    }
    Path dir = target.getParent();
    PrivateFiles.createDirectories(dir, ops);
    Path temp = target.resolveSibling(TempNames.next(target.getFileName().toString()));
    try {
      try (FileChannel ch = PrivateFiles.createNew(temp)) {
        ops.write(ch, ByteBuffer.wrap(content));
        ops.force(ch);
      }
      ops.move(temp, target);
    } catch (IOException | RuntimeException e) {
      removeQuietly(temp, e);
      throw e;
    }
    ops.forceDirectory(dir);
  }

  /**
   * Returns the content of the file at {@code relative}, or empty if there is none.
   *
   * @throws CorruptStateException if the path exists but is not a regular file or is larger
   *     than any state file (64 MiB)
   * @throws IOException if the file cannot be read
   */
  public Optional<byte[]> read(Path relative) throws IOException {
    Path file = resolveFile(relative);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (!attributes.isRegularFile()) {
      throw new CorruptStateException(file, "is not a regular file; remove it or move it aside, "
          + "then restart so the installer sees the state as missing");
    }
    if (attributes.size() > MAX_READ_BYTES) {
      throw new CorruptStateException(file, "is " + attributes.size() + " bytes, more than any state "
          + "file can be (" + MAX_READ_BYTES + "); move it aside and restore it from a backup");
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty(); // deleted between the two calls
    }
  }

  /**
   * Durably deletes the file (or empty directory) at {@code relative}; does nothing if absent.
   *
   * @throws java.nio.file.DirectoryNotEmptyException if the path is a non-empty directory
   * @throws IOException if the deletion or the directory flush fails
   */
  public void delete(Path relative) throws IOException {
    Path file = resolveFile(relative);
    if (Files.deleteIfExists(file)) {
      ops.forceDirectory(file.getParent());
    }
  }

  /**
   * Creates the directory at {@code relative} (and its missing parents) mode 0700, durably, and
   * returns its absolute path; an existing directory is returned as it is.
   *
   * @throws java.nio.file.NotDirectoryException if the path exists as something else
   */
  public Path directory(Path relative) throws IOException {
    Path dir = resolve(relative, false);
    PrivateFiles.createDirectories(dir, ops);
    return dir;
  }

  /**
   * Lists the entries (files and directories) of {@code relativeDir} whose names match
   * {@code glob}, as paths relative to the root, sorted, without temp files. An empty path
   * lists the root; a missing directory lists as empty.
   *
   * @throws java.util.regex.PatternSyntaxException if the glob is invalid
   * @throws java.nio.file.NotDirectoryException if the path exists but is not a directory
   */
  public List<Path> list(Path relativeDir, String glob) throws IOException {
    requireNonNull(glob, "glob");
    Path dir = resolve(relativeDir, true);
    if (Files.notExists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
      for (Path entry : stream) {
        if (!TempNames.isTemp(entry.getFileName().toString())) {
          entries.add(root.relativize(entry));
        }
      }
    }
    entries.sort(null);
    return List.copyOf(entries);
  }

  /**
   * Deletes every leftover temp file anywhere under the root (call at startup, before any
   * write) and returns how many there were.
   *
   * @throws IOException if the tree cannot be walked or a temp file cannot be deleted
   */
  public int removeLeftoverTempFiles() throws IOException {
    List<Path> temps = findTempFiles();
    Set<Path> dirs = new LinkedHashSet<>();
    int removed = 0;
    for (Path temp : temps) {
      if (Files.deleteIfExists(temp)) {
        removed++;
        dirs.add(temp.getParent());
      }
    }
    for (Path dir : dirs) {
      ops.forceDirectory(dir);
    }
    if (removed > 0) {
      log.info("Removed {} temp files left by an interrupted write under {}", removed, root);
    }
    return removed;
  }

  /** Returns the absolute, normalised data directory. */
  public Path root() {
    return root;
  }

  @Override
  public String toString() {
    return "DurableFiles[" + root + "]";
  }

  private List<Path> findTempFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root))
          .filter(p -> TempNames.isTemp(p.getFileName().toString()))
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Path resolveFile(Path relative) {
    return resolve(relative, false);
  }

  private Path resolve(Path relative, boolean allowRoot) {
    requireNonNull(relative, "relative");
    if (relative.isAbsolute()) {
      throw new IllegalArgumentException("Path must be relative to the data directory: " + relative);
    }
    Path resolved = root.resolve(relative).normalize();
    if (!resolved.startsWith(root) || (!allowRoot && resolved.equals(root))) {
      throw new IllegalArgumentException("Path must name a file inside the data directory: " + relative);
    }
    for (Path part : root.relativize(resolved)) {
      String name = part.toString();
      if (TempNames.isTemp(name) || name.length() > MAX_NAME_LENGTH) {
        throw new IllegalArgumentException("Path uses a reserved temp-file name or a name longer than "
            + MAX_NAME_LENGTH + " characters: " + relative);
      }
    }
    return resolved;
  }

  private static void removeQuietly(Path temp, Exception failure) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e); // removeLeftoverTempFiles deletes it at the next start
    }
  }
}
