package io.qingstor.installer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where qsctl connects and as whom. Each setting comes from the first of: its flag, its
 * environment variable, the credentials file, the default. The password never comes from a flag:
 * {@code --password-stdin}, {@code QS_PASSWORD} or the credentials file.
 *
 * @param endpoint the server's URL
 * @param user the {@code USER_ID}
 * @param password the plain password (the SDK sends its SHA-256)
 */
record Login(String endpoint, String user, String password) {
  static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9080";
  static final String DEFAULT_USER = "admin";
  /** The credentials file read when none is named, if it exists. */
  static final String DEFAULT_FILE = ".config/qsctl/credentials";

  /** Flags of the root command that take part. */
  record Flags(String endpoint, String user, Path credentialsFile, boolean passwordStdin) {}

  @Override
  public String toString() {
    return "Login[endpoint=" + endpoint + ", user=" + user + ", password=***]";
  }

  /**
   * Resolves the login.
   *
   * @throws UsageException when no password is found anywhere, or the credentials file is unusable
   */
  static Login resolve(Flags flags, CliEnvironment env) {
    CredentialsFile file = credentialsFile(flags, env);
    String endpoint = first(Optional.ofNullable(flags.endpoint()), env.variable("QS_ENDPOINT"),
        file.endpoint()).orElse(DEFAULT_ENDPOINT);
    String user = first(Optional.ofNullable(flags.user()), env.variable("QS_USER"), file.user())
        .orElse(DEFAULT_USER);
    Optional<String> stdin = flags.passwordStdin()
        ? Optional.of(env.readLine("the password (--password-stdin)")) : Optional.empty();
    String password = first(stdin, env.variable("QS_PASSWORD"), file.password())
        .orElseThrow(() -> new UsageException("no password for user " + user + ": set"
            + " QS_PASSWORD, pipe it with --password-stdin, or write it to a credentials file"
            + " (mode 0600, see --credentials-file)"));
    return new Login(endpoint, user, password);
  }

  private static CredentialsFile credentialsFile(Flags flags, CliEnvironment env) {
    Optional<Path> named = Optional.ofNullable(flags.credentialsFile())
        .or(() -> env.variable("QS_CREDENTIALS_FILE").map(Path::of));
    if (named.isPresent()) {
      return CredentialsFile.read(named.get());
    }
    Path fallback = env.home().resolve(DEFAULT_FILE);
    return Files.exists(fallback) ? CredentialsFile.read(fallback) : CredentialsFile.none();
  }

  @SafeVarargs
  private static Optional<String> first(Optional<String>... candidates) {
    for (Optional<String> candidate : candidates) {
      if (candidate.isPresent()) {
        return candidate;
      }
    }
    return Optional.empty();
  }
}
