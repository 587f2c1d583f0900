package io.qingstor.installer.server.config;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns the command line, the {@code --config} YAML file and the environment into
 * {@link ServerOptions}, with the precedence flags > file > environment > defaults, each source
 * read through the one {@link Setting} table. Flags are {@code --name value} or
 * {@code --name=value}. {@code QS_ADMIN_PASSWORD} (environment only) sets the first admin's
 * password. A typo anywhere (unknown flag or key, malformed value) is a {@link UsageException}
 * naming where it is.
 */
public final class ServerCommandLine {
  /** The environment variable with the first admin's plain password. */
  public static final String ADMIN_PASSWORD_ENV = "QS_ADMIN_PASSWORD";

  private ServerCommandLine() {}

  /** The flag that rotates the secret key of the data directory and exits, serving nothing. */
  public static final String ROTATE_SECRET_KEY = "--rotate-secret-key";

  /** Returns whether {@code args} ask for a secret key rotation instead of a server. */
  public static boolean wantsKeyRotation(String[] args) {
    return Stream.of(args).anyMatch(ROTATE_SECRET_KEY::equals);
  }

  /** {@code args} without {@link #ROTATE_SECRET_KEY}, for {@link #parse}. */
  public static String[] withoutKeyRotation(String[] args) {
    return Stream.of(args).filter(a -> !a.equals(ROTATE_SECRET_KEY)).toArray(String[]::new);
  }

  /** Returns whether {@code args} ask for the help text. */
  public static boolean wantsHelp(String[] args) {
    return Stream.of(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
  }

  /**
   * Returns the options {@code args} and {@code env} describe.
   *
   * @throws UsageException naming the flag, file key or variable that is wrong
   */
  public static ServerOptions parse(String[] args, Map<String, String> env) {
    requireNonNull(env, "env");
    Map<Setting, String> flags = flags(args);
    Map<Setting, String> file = Optional.ofNullable(flags.get(Setting.CONFIG))
        .or(() -> Optional.ofNullable(env.get(Setting.CONFIG.envVar())))
        .map(path -> configFile(Path.of(path)))
        .orElse(Map.of());
    ServerOptions.Builder builder = ServerOptions.builder();
    for (Setting setting : Setting.values()) {
      if (flags.containsKey(setting)) {
        apply(builder, setting, flags.get(setting), setting.flag());
      } else if (file.containsKey(setting)) {
        apply(builder, setting, file.get(setting), "config file key " + setting.key());
      } else if (env.get(setting.envVar()) != null) {
        apply(builder, setting, env.get(setting.envVar()), setting.envVar());
      }
    }
    String adminPassword = env.get(ADMIN_PASSWORD_ENV);
    if (adminPassword != null && !adminPassword.isEmpty()) {
      builder.initialAdminPassword(adminPassword);
    }
    return builder.build();
  }

  /** Returns the help text, rendered from the {@link Setting} table. */
  public static String help() {
    ServerOptions defaults = ServerOptions.builder().build();
    StringBuilder out = new StringBuilder()
        .append("Usage: java -jar qs-server.jar [OPTIONS]\n\n")
        .append("Serves the QingStor installer API: POST / with JSON actions, GET /healthz.\n")
        .append("Each option may also come from the --config YAML file (same key without '--')\n")
        .append("or from the environment variable shown; precedence: flag > file > env > default.")
        .append("\n\nOptions:\n");
    for (Setting s : Setting.values()) {
      out.append(String.format("  %-32s %s%n", s.flag() + " " + s.valueName(), s.description()));
      out.append(String.format("  %-32s env %s; default: %s%n", "", s.envVar(),
          s.defaultValue(defaults)));
    }
    return out.append(String.format("  %-32s %s%n", ROTATE_SECRET_KEY, "seal the data directory's"
            + " secrets under a new key in the key file, then exit (server stopped; see"
            + " docs/security.md)"))
        .append(String.format("  %-32s %s%n", "-h, --help", "show this help and exit"))
        .append("\nEnvironment:\n")
        .append("  ").append(ADMIN_PASSWORD_ENV).append("  plain password of the first user")
        .append(" 'admin', created when no user exists;\n")
        .append("  without it a random one is written once to <data>/initial-admin-password")
        .append(" (mode 0600).\n")
        .toString();
  }

  private static Map<Setting, String> flags(String[] args) {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'; see --help");
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      Setting setting = Setting.fromKey(name).orElseThrow(() ->
          new UsageException("unknown option --" + name + "; see --help"));
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException(setting.flag() + " needs a value: " + setting.valueName());
      }
      if (flags.put(setting, value) != null) {
        throw new UsageException(setting.flag() + " is given twice");
      }
    }
    return flags;
  }

  private static Map<Setting, String> configFile(Path path) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(path));
    } catch (IOException e) {
      throw new UsageException("cannot read config file " + path + ": " + e.getMessage());
    } catch (YAMLException e) {
      throw new UsageException("config file " + path + " is not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      return Map.of();
    }
    if (!(root instanceof Map)) {
      throw new UsageException("config file " + path + " must be a mapping of settings");
    }
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) root).entrySet()) {
      String key = String.valueOf(entry.getKey());
      Setting setting = Setting.fromKey(key).filter(s -> s != Setting.CONFIG).orElseThrow(() ->
          new UsageException("config file " + path + ": unknown key '" + key
              + "'; expected one of " + knownKeys()));
      Object value = entry.getValue();
      if (value == null || value instanceof Map || value instanceof List) {
        throw new UsageException("config file " + path + ": " + key + " must be a single value");
      }
      values.put(setting, String.valueOf(value));
    }
    return values;
  }

  private static void apply(ServerOptions.Builder builder, Setting setting, String value,
      String source) {
    try {
      setting.apply(builder, value);
    } catch (IllegalArgumentException e) {
      String detail = setting == Setting.TLS_PASSWORD ? "invalid value" : e.getMessage();
      throw new UsageException(source + ": " + detail);
    }
  }

  private static String knownKeys() {
    return Stream.of(Setting.values()).filter(s -> s != Setting.CONFIG).map(Setting::key)
        .collect(Collectors.joining(", "));
  }
}
