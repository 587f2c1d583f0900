package io.qingstor.installer.server.config;

import io.qingstor.installer.server.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table of server settings: each one is a flag ({@code --body-limit}), a config-file key
 * ({@code body-limit}) and an environment variable ({@code QS_BODY_LIMIT}), with how to parse it
 * into {@link ServerOptions} and how to show its default. {@code --help} is rendered from it.
 */
public enum Setting {
  PORT("port", "N", "port to listen on; 0 picks a free one",
      (b, v) -> b.port(integer(v)), o -> String.valueOf(o.port())),
  BIND("bind", "ADDRESS", "address to listen on; 0.0.0.0 for every interface",
      (b, v) -> b.bindAddress(v), ServerOptions::bindAddress),
  DATA("data", "DIR", "data directory (state, users, job logs)",
      (b, v) -> b.dataDir(Path.of(v)), o -> o.dataDir().toString()),
  PLAN("plan", "NAME|PATH", "built-in plan (files, swift), or a path with a / to a plan dir",
      (b, v) -> b.plan(v), o -> "files"),
  CONFIG("config", "FILE", "YAML file of settings, keyed like these flags without '--'",
      (b, v) -> { }, o -> "none"),
  SECRET_KEY_FILE("secret-key-file", "FILE",
      "key sealing the secrets in the state files; created 0600 on first start",
      (b, v) -> b.secretKeyFile(Path.of(v)), o -> "<data>/secret.key"),
  TLS_KEYSTORE("tls-keystore", "FILE", "PKCS12 keystore: serve HTTPS with its key",
      (b, v) -> b.tlsKeystore(Path.of(v)), o -> "none: plain HTTP"),
  TLS_PASSWORD("tls-password", "PASSWORD",
      "the keystore's password (prefer QS_TLS_PASSWORD or the config file to a flag)",
      (b, v) -> b.tlsPassword(v), o -> "none"),
  METRICS_TOKEN("metrics-token", "TOKEN",
      "bearer token GET /metrics requires (prefer QS_METRICS_TOKEN or the config file to a flag)",
      (b, v) -> b.metricsToken(v), o -> "none: anyone reaching the listener may scrape"),
  BODY_LIMIT("body-limit", "BYTES", "largest request body; suffix k or m for KiB or MiB",
      (b, v) -> b.bodyLimitBytes(bytes(v)), o -> String.valueOf(o.bodyLimitBytes())),
  BODY_BUDGET("body-budget", "BYTES",
      "request bodies over 16 KiB buffered at once, in total; beyond it: 5100 and close",
      (b, v) -> b.bodyBudgetBytes(bytes(v)), o -> String.valueOf(o.bodyBudgetBytes())),
  MAX_CONNECTIONS("max-connections", "N", "connections open at once; more wait to be accepted",
      (b, v) -> b.maxConnections(integer(v)), o -> String.valueOf(o.maxConnections())),
  MAX_CONNECTIONS_PER_ADDRESS("max-connections-per-address", "N",
      "connections one client address holds open; beyond it: 5100 and close",
      (b, v) -> b.maxConnectionsPerAddress(integer(v)),
      o -> String.valueOf(o.maxConnectionsPerAddress())),
  AUTH_CONCURRENCY("auth-concurrency", "N",
      "password hashings (cache misses, unknown users) at once; beyond it: 5100",
      (b, v) -> b.authConcurrency(integer(v)), o -> String.valueOf(o.authConcurrency())),
  STRICT_HOST_KEYS("strict-host-keys", "true|false",
      "refuse nodes whose SSH host key is neither pinned (host_key) nor in <data>/known_hosts",
      (b, v) -> b.strictHostKeys(bool(v)), o -> String.valueOf(o.strictHostKeys())),
  PBKDF2_ITERATIONS("pbkdf2-iterations", "N", "PBKDF2 iterations of new password verifiers",
      (b, v) -> b.pbkdf2Iterations(integer(v)), o -> String.valueOf(o.pbkdf2Iterations())),
  WORKER_THREADS("worker-threads", "N", "threads serving requests",
      (b, v) -> b.workerThreads(integer(v)), o -> String.valueOf(o.workerThreads())),
  QUEUE_CAPACITY("queue-capacity", "N",
      "requests that may wait for a thread; beyond it: 5100 ServerBusy",
      (b, v) -> b.queueCapacity(integer(v)), o -> String.valueOf(o.queueCapacity())),
  PARSE_TIMEOUT("parse-timeout", "DURATION",
      "longest time to receive a request's headers, and again its body",
      (b, v) -> b.requestParseTimeout(duration(v)), o -> show(o.requestParseTimeout())),
  IDLE_TIMEOUT("idle-timeout", "DURATION", "longest idle time of a connection",
      (b, v) -> b.idleTimeout(duration(v)), o -> show(o.idleTimeout())),
  SHUTDOWN_TIMEOUT("shutdown-timeout", "DURATION",
      "longest wait for in-flight requests when stopping",
      (b, v) -> b.shutdownTimeout(duration(v)), o -> show(o.shutdownTimeout()));

  private static final Pattern INTEGER = Pattern.compile("[0-9]{1,9}");
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,10})([kKmM]?)");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

  private final String key;
  private final String valueName;
  private final String description;
  private final BiConsumer<ServerOptions.Builder, String> apply;
  private final Function<ServerOptions, String> defaultValue;

  Setting(String key, String valueName, String description,
      BiConsumer<ServerOptions.Builder, String> apply,
      Function<ServerOptions, String> defaultValue) {
    this.key = key;
    this.valueName = valueName;
    this.description = description;
    this.apply = apply;
    this.defaultValue = defaultValue;
  }

  /** The config-file key, which is also the flag without {@code --}. */
  public String key() {
    return key;
  }

  /** The flag, e.g. {@code --body-limit}. */
  public String flag() {
    return "--" + key;
  }

  /** The environment variable, e.g. {@code QS_BODY_LIMIT}. */
  public String envVar() {
    return "QS_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The placeholder of the value in the help text. */
  public String valueName() {
    return valueName;
  }

  /** What the setting does, for the help text. */
  public String description() {
    return description;
  }

  /** The default as the help text shows it. */
  public String defaultValue(ServerOptions defaults) {
    return defaultValue.apply(defaults);
  }

  /**
   * Applies {@code value} to {@code builder}.
   *
   * @throws IllegalArgumentException if the value is malformed or out of range
   */
  public void apply(ServerOptions.Builder builder, String value) {
    apply.accept(builder, value);
  }

  /** The setting whose key is exactly {@code key}, if any. */
  public static Optional<Setting> fromKey(String key) {
    for (Setting setting : values()) {
      if (setting.key.equals(key)) {
        return Optional.of(setting);
      }
    }
    return Optional.empty();
  }

  private static boolean bool(String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("must be true or false, was '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  private static int integer(String value) {
    if (!INTEGER.matcher(value).matches()) {
      throw new IllegalArgumentException("must be a non-negative integer, was '" + value + "'");
    }
    return Integer.parseInt(value);
  }

  private static long bytes(String value) {
    Matcher m = SIZE.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a byte count like 1048576, 512k or 1m, was '"
          + value + "'");
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k": return amount * 1024;
      case "m": return amount * 1024 * 1024;
      default: return amount;
    }
  }

  private static Duration duration(String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a duration like 500ms, 30s, 5m or 1h, was '"
          + value + "'");
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms": return Duration.ofMillis(amount);
      case "s": return Duration.ofSeconds(amount);
      case "m": return Duration.ofMinutes(amount);
      default: return Duration.ofHours(amount);
    }
  }

  private static String show(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
