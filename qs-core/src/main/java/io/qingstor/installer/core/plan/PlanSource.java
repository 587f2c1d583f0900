package io.qingstor.installer.core.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The plan a loader is reading: its file name for messages, and its directory (null for a plan
 * given as text alone, which then cannot reference files).
 */
public final class PlanSource {
  private final String file;
  private final Path directory;
  private final PlanTemplates templates;

  PlanSource(String file, Path directory) {
    this.file = file;
    this.directory = directory;
    this.templates = directory == null ? null : new PlanTemplates(directory);
  }

  /** The plan file, as messages name it. */
  public String file() {
    return file;
  }

  /** The plan directory, or null. */
  public Path directory() {
    return directory;
  }

  /**
   * An existing file (or, with {@code directoryAllowed}, a directory) of the plan.
   *
   * @throws PlanException naming {@code where} when it is missing, absolute or leaves the plan
   */
  public Path existing(String relative, String where, boolean directoryAllowed) {
    Path path = PlanDirectory.resolve(requireDirectory(where), relative, where);
    boolean ok = Files.isRegularFile(path) || directoryAllowed && Files.isDirectory(path);
    if (!ok) {
      throw new PlanException(where + ": " + relative + " is not a "
          + (directoryAllowed ? "file or directory" : "file") + " of the plan " + directory);
    }
    return path;
  }

  /**
   * Parses the template at {@code relative}, so syntax errors surface when the plan loads.
   *
   * @throws PlanException naming {@code where}, the template and FreeMarker's line and column
   */
  public void checkTemplate(String relative, String where) {
    existing(relative, where, false);
    try {
      templates.template(relative);
    } catch (IOException e) {
      throw new PlanException(where + ": template " + relative + " does not parse: "
          + e.getMessage(), e);
    }
  }

  /**
   * A relative path that stays inside whatever it is resolved against (the artifacts).
   *
   * @throws PlanException naming {@code where} when it is absolute, empty or has {@code ..}
   */
  public static String inside(String relative, String where) {
    Path path = Path.of(relative).normalize();
    if (relative.startsWith("/") || path.toString().isEmpty() || path.startsWith("..")
        || relative.contains("\0")) {
      throw new PlanException(where + ": must be a relative path that stays inside the artifacts"
          + " directory, was " + relative);
    }
    return relative;
  }

  private Path requireDirectory(String where) {
    if (directory == null) {
      throw new PlanException(where + ": this plan was given as text, without a directory to"
          + " read files from; load it from its plan.yml");
    }
    return directory;
  }
}
