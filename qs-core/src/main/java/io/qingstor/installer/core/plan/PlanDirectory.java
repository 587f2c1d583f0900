package io.qingstor.installer.core.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where plans and their files are. A built-in plan is a classpath directory
 * {@code io/qingstor/installer/core/plans/<name>/} holding {@code plan.yml}, read in place
 * whether the core runs from classes or from its jar (a jar is opened as a zip file system). A
 * plan's relative paths are resolved here and never leave its directory.
 */
public final class PlanDirectory {
  /** The plan file inside a plan directory. */
  public static final String PLAN_FILE = "plan.yml";
  /** The built-in plan used when none is named. */
  public static final String DEFAULT_PLAN = "files";

  private static final String PLANS = "/io/qingstor/installer/core/plans/";

  private PlanDirectory() {}

  /**
   * The directory of the built-in plan {@code name}.
   *
   * @throws PlanException naming the built-in plans when there is none of that name
   */
  public static Path builtin(String name) {
    URL url = PlanDirectory.class.getResource(PLANS + name + "/" + PLAN_FILE);
    if (!name.matches("[a-z][a-z0-9_-]{0,63}") || url == null) {
      throw new PlanException("unknown built-in plan '" + name + "'; built-in plans: "
          + builtinNames() + "; a plan directory or file is given as a path containing a /");
    }
    return pathOf(url).getParent();
  }

  /** The names of the built-in plans, sorted. */
  public static List<String> builtinNames() {
    URL url = PlanDirectory.class.getResource(PLANS + DEFAULT_PLAN + "/" + PLAN_FILE);
    if (url == null) {
      return List.of();
    }
    Path plans = pathOf(url).getParent().getParent();
    try (Stream<Path> dirs = Files.list(plans)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(PLAN_FILE)))
          .map(d -> d.getFileName().toString().replace("/", "")).sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the built-in plans", e);
    }
  }

  /**
   * {@code relative} inside {@code directory}.
   *
   * @throws PlanException naming {@code where} when the path is absolute or leaves the directory
   */
  public static Path resolve(Path directory, String relative, String where) {
    if (relative.startsWith("/")) {
      throw new PlanException(where + ": must be relative to the plan directory, not absolute");
    }
    Path root = directory.normalize();
    Path resolved = root.resolve(relative).normalize();
    if (!resolved.startsWith(root)) {
      throw new PlanException(where + ": " + relative + " leaves the plan directory");
    }
    try {
      if (Files.exists(resolved) && !resolved.toRealPath().startsWith(root.toRealPath())) {
        throw new PlanException(where + ": " + relative + " links outside the plan directory");
      }
    } catch (IOException e) {
      throw new PlanException(where + ": cannot read " + relative + ": " + e.getMessage(), e);
    }
    return resolved;
  }

  private static synchronized Path pathOf(URL url) {
    URI uri;
    try {
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new PlanException("cannot locate the built-in plans at " + url, e);
    }
    try {
      return Path.of(uri);
    } catch (FileSystemNotFoundException e) {
      try {
        // The jar's file system stays open: built-in plan files are read for the process's life.
        FileSystems.newFileSystem(uri, Map.of());
      } catch (FileSystemAlreadyExistsException raced) {
        // opened meanwhile: fine
      } catch (IOException io) {
        throw new PlanException("cannot open the built-in plans in " + uri, io);
      }
      return Path.of(uri);
    }
  }
}
