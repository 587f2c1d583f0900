package io.qingstor.installer.server.users;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.store.DurableFiles;
import io.qingstor.installer.core.store.FileOps;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.auth.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first {@code admin} when no user exists: with the given plain password (from
 * {@code QS_ADMIN_PASSWORD}), or with a random one written to
 * {@code <data>/initial-admin-password} (mode 0600) before the user is saved, so the password is
 * never lost. The log names the file, never the password. Later starts change nothing.
 */
public final class InitialAdmin {
  /** The id of the first user. */
  public static final String USER_ID = "admin";
  /** The file a generated password is written to, inside the data directory. */
  public static final String PASSWORD_FILE = "initial-admin-password";

  private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int GENERATED_LENGTH = 24;

  private final UserService users;
  private final SecureRandom random;

  /** Creates the first-start step over {@code users}. */
  public InitialAdmin(UserService users, SecureRandom random) {
    this.users = requireNonNull(users, "users");
    this.random = requireNonNull(random, "random");
  }

  /**
   * Creates {@code admin} if there is no user yet.
   *
   * @param plainPassword the admin's plain password, or empty to generate and write one
   * @param dataDir where the generated password's file goes
   * @throws UncheckedIOException if the password file cannot be written
   */
  public void ensure(Optional<String> plainPassword, Path dataDir) {
    if (!users.isEmpty()) {
      return;
    }
    if (plainPassword.isPresent()) {
      if (users.createIfNoUsers(USER_ID, Role.ADMIN,
          PasswordHashes.sha256Hex(plainPassword.get()))) {
        log.info("created user {} with the configured password (QS_ADMIN_PASSWORD)", USER_ID);
      }
      return;
    }
    String generated = generate();
    Path file = dataDir.resolve(PASSWORD_FILE);
    writeOwnerOnly(file, generated + "\n");
    if (users.createIfNoUsers(USER_ID, Role.ADMIN, PasswordHashes.sha256Hex(generated))) {
      log.info("created user {}; its generated password is in {} (mode 0600)", USER_ID,
          file.toAbsolutePath());
    }
  }

  private String generate() {
    StringBuilder out = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  /** Written durably (temp file 0600, fsync, rename, directory fsync): no reader sees less. */
  private static void writeOwnerOnly(Path file, String content) {
    try {
      new DurableFiles(file.getParent(), FileOps.real())
          .write(file.getFileName(), content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the initial admin password to " + file, e);
    }
  }
}
