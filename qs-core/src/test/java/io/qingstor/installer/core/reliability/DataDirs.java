package io.qingstor.installer.core.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** File-tree helpers for tests on a data directory: copies, state files, temp files. */
final class DataDirs {
  private DataDirs() {}

  /** Copies the tree at {@code from} to {@code to} (created), keeping file and folder modes. */
  static void copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
          Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
        } else if (Files.isRegularFile(source)) {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES,
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the tree at {@code root} if it exists. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The JSON state files under {@code root} (platform, nodes, users, configs, job records) by
   * path relative to it, with their bytes.
   */
  static TreeMap<Path, byte[]> stateFiles(Path root) {
    TreeMap<Path, byte[]> files = new TreeMap<>();
    for (Path file : regularFiles(root)) {
      Path relative = root.relativize(file);
      if (isStateFile(relative)) {
        try {
          files.put(relative, Files.readAllBytes(file));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return files;
  }

  /** Whether a path relative to the data directory names a JSON state file. */
  static boolean isStateFile(Path relative) {
    String name = relative.toString();
    return name.equals("platform.json") || name.equals("nodes.json") || name.equals("users.json")
        || name.matches("configs/[0-9]+\\.json") || name.matches("jobs/[^/]+/job\\.json");
  }

  /** Temp files a write leaves while in flight ({@code .<name>.<16 hex>.tmp}). */
  static List<Path> tempFiles(Path root) {
    return regularFiles(root).stream()
        .filter(p -> p.getFileName().toString().matches("\\..+\\.[0-9a-f]{16}\\.tmp"))
        .toList();
  }

  static List<Path> regularFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
