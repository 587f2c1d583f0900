package io.qingstor.installer.core.support;

import static java.util.Objects.requireNonNull;

/**
 * One file of a support bundle: its path inside the bundle and its text. Secrets in it are
 * replaced by the bundle like those of every other file.
 *
 * @param path a relative path of simple names ({@code server/options.txt})
 * @param content the file's text
 */
public record SupportFile(String path, String content) {

  /** Validates the fields. */
  public SupportFile {
    requireNonNull(path, "path");
    requireNonNull(content, "content");
    if (!path.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*") || path.contains("..")) {
      throw new IllegalArgumentException("not a simple relative path: " + path);
    }
  }
}
