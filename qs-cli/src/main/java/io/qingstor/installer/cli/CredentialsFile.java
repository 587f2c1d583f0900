package io.qingstor.installer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A YAML file of {@code endpoint}, {@code user} and {@code password}, any of them optional. It
 * holds a password, so qsctl refuses it unless only its owner may read it (mode 0600 or 0400).
 */
record CredentialsFile(Optional<String> endpoint, Optional<String> user,
    Optional<String> password) {
  private static final Set<String> KEYS = Set.of("endpoint", "user", "password");
  private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  /** No file: nothing from it. */
  static CredentialsFile none() {
    return new CredentialsFile(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Reads {@code file}.
   *
   * @throws UsageException when it is missing, readable by others, not a YAML map of strings, or
   *     has a key other than endpoint, user and password
   */
  static CredentialsFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UsageException("credentials file " + file + " does not exist");
    }
    requireOwnerOnly(file);
    Object loaded;
    try {
      loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read credentials file " + file, e);
    } catch (RuntimeException e) {
      throw new UsageException("credentials file " + file + " is not YAML: " + e.getMessage());
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      throw new UsageException("credentials file " + file
          + " must be a YAML map of endpoint, user and password");
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!KEYS.contains(String.valueOf(entry.getKey()))) {
        throw new UsageException("credentials file " + file + ": unknown key '" + entry.getKey()
            + "' (expected endpoint, user, password)");
      }
      if (!(entry.getValue() instanceof String)) {
        throw new UsageException("credentials file " + file + ": " + entry.getKey()
            + " must be a string");
      }
    }
    return new CredentialsFile(string(map, "endpoint"), string(map, "user"),
        string(map, "password"));
  }

  private static void requireOwnerOnly(Path file) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the permissions of " + file, e);
    } catch (UnsupportedOperationException e) {
      return; // not a POSIX file system: nothing to check
    }
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw new UsageException("credentials file " + file
          + " may be read by other users; allow only its owner: chmod 600 " + file);
    }
  }

  private static Optional<String> string(Map<?, ?> map, String key) {
    return Optional.ofNullable((String) map.get(key)).filter(value -> !value.isEmpty());
  }
}
