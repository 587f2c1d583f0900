package io.qingstor.installer.core.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the files of a fake node (a FACTS_ROOT tree, or fake commands for PATH). */
record FixtureTree(Path root) {
  /** Writes {@code content} to {@code relative} under the root, creating folders. */
  FixtureTree file(String relative, String content) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the folder {@code relative} under the root. */
  FixtureTree dir(String relative) {
    try {
      Files.createDirectories(root.resolve(relative));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes an executable {@code name} that prints the test resource {@code resource} using
   * shell builtins only, so it works with a PATH holding nothing else.
   */
  FixtureTree command(String name, String resource) {
    try (InputStream in = FixtureTree.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      Path recorded = root.resolve(name + ".recorded");
      Files.createDirectories(root);
      Files.write(recorded, in.readAllBytes());
      file(name, "#!/bin/sh\nwhile IFS= read -r l || [ -n \"$l\" ]; do printf '%s\\n' \"$l\";"
          + " done < '" + recorded + "'\n");
      Files.setPosixFilePermissions(root.resolve(name),
          PosixFilePermissions.fromString("rwxr-xr-x"));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
