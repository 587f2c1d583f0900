package io.qingstor.installer.server;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.core.state.FileStateStore;
import io.qingstor.installer.server.auth.PasswordVerifiers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link QsServer} runs: where it listens, where it keeps its state, and the limits that
 * make hostile input cheap to refuse. Immutable; build one with {@link #builder()}, derive
 * variants with {@link #newBuilder()}. {@link #toString()} never shows the TLS keystore password
 * or the initial admin password.
 */
public final class ServerOptions {
  /** The default port of the installer's API. */
  public static final int DEFAULT_PORT = 9080;
  /** The default request body limit: 1 MiB, far above any real request. */
  public static final long DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
  /** The default bound on open connections. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1000;
  /** The default bound on the connections one client address holds open. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
  /** The default budget of request bodies larger than 16 KiB buffered at once: 64 MiB. */
  public static final long DEFAULT_BODY_BUDGET_BYTES = 64L * 1024 * 1024;
  /** The default number of password verifications (full PBKDF2 runs) at once. */
  public static final int DEFAULT_AUTH_CONCURRENCY = 2;

  private final String bindAddress;
  private final int port;
  private final Path dataDir;
  private final String plan;
  private final Path tlsKeystore;
  private final Path secretKeyFile;
  private final String tlsPassword;
  private final String metricsToken;
  private final long bodyLimitBytes;
  private final long bodyBudgetBytes;
  private final int maxConnections;
  private final int maxConnectionsPerAddress;
  private final int authConcurrency;
  private final boolean strictHostKeys;
  private final int pbkdf2Iterations;
  private final int workerThreads;
  private final int queueCapacity;
  private final Duration requestParseTimeout;
  private final Duration idleTimeout;
  private final Duration shutdownTimeout;
  private final String initialAdminPassword;

  private ServerOptions(Builder b) {
    this.bindAddress = b.bindAddress;
    this.port = b.port;
    this.dataDir = b.dataDir;
    this.plan = b.plan;
    this.tlsKeystore = b.tlsKeystore;
    this.secretKeyFile = b.secretKeyFile;
    this.tlsPassword = b.tlsPassword;
    this.metricsToken = b.metricsToken;
    this.bodyLimitBytes = b.bodyLimitBytes;
    this.bodyBudgetBytes = b.bodyBudgetBytes;
    this.maxConnections = b.maxConnections;
    this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
    this.authConcurrency = b.authConcurrency;
    this.strictHostKeys = b.strictHostKeys;
    this.pbkdf2Iterations = b.pbkdf2Iterations;
    this.workerThreads = b.workerThreads;
    this.queueCapacity = b.queueCapacity;
    this.requestParseTimeout = b.requestParseTimeout;
    this.idleTimeout = b.idleTimeout;
    this.shutdownTimeout = b.shutdownTimeout;
    this.initialAdminPassword = b.initialAdminPassword;
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** The address to listen on (default {@code 127.0.0.1}: local clients only). */
  public String bindAddress() {
    return bindAddress;
  }

  /** The port to listen on; 0 picks a free one (read it back with {@link QsServer#port()}). */
  public int port() {
    return port;
  }

  /** The data directory of the embedded store (default {@code qs-data}). */
  public Path dataDir() {
    return dataDir;
  }

  /** The plan: a built-in plan's name or a path (see PlanLoader.named); empty for {@code files}. */
  public Optional<String> plan() {
    return Optional.ofNullable(plan);
  }

  /**
   * The file holding the key that seals the secrets in the state files (default
   * {@code <data>/secret.key}, created on first start).
   */
  public Path secretKeyFile() {
    return secretKeyFile != null ? secretKeyFile : dataDir.resolve(FileStateStore.DEFAULT_KEY_FILE);
  }

  /** The PKCS12 keystore to serve HTTPS with, or empty for plain HTTP. */
  public Optional<Path> tlsKeystore() {
    return Optional.ofNullable(tlsKeystore);
  }

  /** The keystore's password (empty string when none was given). */
  public String tlsPassword() {
    return tlsPassword == null ? "" : tlsPassword;
  }

  /** The bearer token {@code GET /metrics} requires, or empty when anyone may scrape. */
  public Optional<String> metricsToken() {
    return Optional.ofNullable(metricsToken);
  }

  /** The largest request body accepted; a larger one is answered 413 with ret_code 1100. */
  public long bodyLimitBytes() {
    return bodyLimitBytes;
  }

  /**
   * The bytes of request bodies over 16 KiB that may be buffered at once, all connections
   * together; a body that does not fit is answered 5100 and its connection closed. Bodies up to
   * 16 KiB are bounded by {@link #maxConnections()} instead.
   */
  public long bodyBudgetBytes() {
    return bodyBudgetBytes;
  }

  /** The most connections open at once; beyond it new ones wait in the listen backlog. */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * The most connections one client address may hold open; the request of a connection beyond
   * it is answered 5100 and the connection closed.
   */
  public int maxConnectionsPerAddress() {
    return maxConnectionsPerAddress;
  }

  /**
   * How many password verifications that miss the cache (and dummy ones for unknown users) may
   * run at once; beyond it such a request is answered 5100 without hashing.
   */
  public int authConcurrency() {
    return authConcurrency;
  }

  /**
   * Whether the SSH client refuses hosts whose key is neither pinned (AddNodes {@code host_key})
   * nor in {@code <data>/known_hosts}, before any credential is sent; false records the first key.
   */
  public boolean strictHostKeys() {
    return strictHostKeys;
  }

  /** The PBKDF2 iteration count for new password verifiers. */
  public int pbkdf2Iterations() {
    return pbkdf2Iterations;
  }

  /** The number of threads serving requests. */
  public int workerThreads() {
    return workerThreads;
  }

  /** How many admitted requests may wait for a thread; beyond it requests get 5100. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** The longest time a client may take to send a request's headers, and again its body. */
  public Duration requestParseTimeout() {
    return requestParseTimeout;
  }

  /** The longest time a connection may sit idle, between requests or inside one. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** The longest time {@link QsServer#stop()} waits for in-flight requests. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** The plain password of the first {@code admin}, or empty to generate one at first start. */
  public Optional<String> initialAdminPassword() {
    return Optional.ofNullable(initialAdminPassword);
  }

  /** Describes the options without their secrets. */
  @Override
  public String toString() {
    return "ServerOptions[bind=" + bindAddress + ", port=" + port + ", data=" + dataDir
        + ", plan=" + plan + ", secretKeyFile=" + secretKeyFile() + ", tlsKeystore=" + tlsKeystore + ", tlsPassword=***"
        + ", metricsToken=" + (metricsToken == null ? "none" : "***")
        + ", bodyLimitBytes=" + bodyLimitBytes + ", bodyBudgetBytes=" + bodyBudgetBytes
        + ", maxConnections=" + maxConnections
        + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress
        + ", authConcurrency=" + authConcurrency
        + ", strictHostKeys=" + strictHostKeys
        + ", pbkdf2Iterations=" + pbkdf2Iterations
        + ", workerThreads=" + workerThreads + ", queueCapacity=" + queueCapacity
        + ", requestParseTimeout=" + requestParseTimeout + ", idleTimeout=" + idleTimeout
        + ", shutdownTimeout=" + shutdownTimeout + ", initialAdminPassword="
        + (initialAdminPassword == null ? "<generated>" : "***") + "]";
  }

  /** Builds {@link ServerOptions}; every setter validates its argument at once. */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private Path dataDir = Path.of("qs-data");
    private String plan;
    private Path tlsKeystore;
    private Path secretKeyFile;
    private String tlsPassword;
    private String metricsToken;
    private long bodyLimitBytes = DEFAULT_BODY_LIMIT_BYTES;
    private long bodyBudgetBytes = DEFAULT_BODY_BUDGET_BYTES;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    private int authConcurrency = DEFAULT_AUTH_CONCURRENCY;
    private boolean strictHostKeys;
    private int pbkdf2Iterations = PasswordVerifiers.DEFAULT_ITERATIONS;
    private int workerThreads = 16;
    private int queueCapacity = 64;
    private Duration requestParseTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private String initialAdminPassword;

    private Builder() {}

    private Builder(ServerOptions o) {
      this.bindAddress = o.bindAddress;
      this.port = o.port;
      this.dataDir = o.dataDir;
      this.plan = o.plan;
      this.tlsKeystore = o.tlsKeystore;
      this.secretKeyFile = o.secretKeyFile;
      this.tlsPassword = o.tlsPassword;
      this.metricsToken = o.metricsToken;
      this.bodyLimitBytes = o.bodyLimitBytes;
      this.bodyBudgetBytes = o.bodyBudgetBytes;
      this.maxConnections = o.maxConnections;
      this.maxConnectionsPerAddress = o.maxConnectionsPerAddress;
      this.authConcurrency = o.authConcurrency;
      this.strictHostKeys = o.strictHostKeys;
      this.pbkdf2Iterations = o.pbkdf2Iterations;
      this.workerThreads = o.workerThreads;
      this.queueCapacity = o.queueCapacity;
      this.requestParseTimeout = o.requestParseTimeout;
      this.idleTimeout = o.idleTimeout;
      this.shutdownTimeout = o.shutdownTimeout;
      this.initialAdminPassword = o.initialAdminPassword;
    }

    /**
     * Sets the address to listen on.
     *
     * @throws IllegalArgumentException if it is blank
     */
    public Builder bindAddress(String address) {
      requireNonNull(address, "bindAddress");
      if (address.isBlank()) {
        throw new IllegalArgumentException("bindAddress must not be blank");
      }
      this.bindAddress = address;
      return this;
    }

    /**
     * Sets the port; 0 picks a free one.
     *
     * @throws IllegalArgumentException if it is outside 0..65535
     */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be within 0..65535, was " + value);
      }
      this.port = value;
      return this;
    }

    /** Sets the data directory. */
    public Builder dataDir(Path dir) {
      this.dataDir = requireNonNull(dir, "dataDir");
      return this;
    }

    /** Sets the plan by built-in name or path; null restores the {@code files} plan. */
    public Builder plan(String nameOrPath) {
      this.plan = nameOrPath;
      return this;
    }

    /** Sets the plan to a plan directory or {@code plan.yml}; null restores {@code files}. */
    public Builder planFile(Path file) {
      this.plan = file == null ? null : file.toAbsolutePath().toString();
      return this;
    }

    /** Sets the key file sealing secrets at rest; null means {@code <data>/secret.key}. */
    public Builder secretKeyFile(Path file) {
      this.secretKeyFile = file;
      return this;
    }

    /** Sets the PKCS12 keystore to serve HTTPS with; null serves plain HTTP. */
    public Builder tlsKeystore(Path keystore) {
      this.tlsKeystore = keystore;
      return this;
    }

    /**
     * Sets the bearer token a metrics scrape must send; null means none.
     *
     * @throws IllegalArgumentException if it is empty or has whitespace
     */
    public Builder metricsToken(String token) {
      if (token != null && (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace))) {
        throw new IllegalArgumentException("metricsToken must be non-empty, without whitespace");
      }
      this.metricsToken = token;
      return this;
    }

    /** Sets the keystore's password; null means none. */
    public Builder tlsPassword(String password) {
      this.tlsPassword = password;
      return this;
    }

    /**
     * Sets the request body limit.
     *
     * @throws IllegalArgumentException if it is below 1 KiB or above 1 GiB
     */
    public Builder bodyLimitBytes(long bytes) {
      if (bytes < 1024 || bytes > 1024L * 1024 * 1024) {
        throw new IllegalArgumentException("bodyLimitBytes must be within 1 KiB..1 GiB, was "
            + bytes);
      }
      this.bodyLimitBytes = bytes;
      return this;
    }

    /**
     * Sets the budget of buffered request bodies over 16 KiB.
     *
     * @throws IllegalArgumentException if it is below 1 MiB or above 16 GiB
     */
    public Builder bodyBudgetBytes(long bytes) {
      if (bytes < 1024 * 1024 || bytes > 16L * 1024 * 1024 * 1024) {
        throw new IllegalArgumentException("bodyBudgetBytes must be within 1 MiB..16 GiB, was "
            + bytes);
      }
      this.bodyBudgetBytes = bytes;
      return this;
    }

    /**
     * Sets the most connections open at once.
     *
     * @throws IllegalArgumentException if it is outside 1..1000000
     */
    public Builder maxConnections(int connections) {
      if (connections < 1 || connections > 1_000_000) {
        throw new IllegalArgumentException("maxConnections must be within 1..1000000, was "
            + connections);
      }
      this.maxConnections = connections;
      return this;
    }

    /**
     * Sets the most connections one client address may hold open.
     *
     * @throws IllegalArgumentException if it is outside 1..1000000
     */
    public Builder maxConnectionsPerAddress(int connections) {
      if (connections < 1 || connections > 1_000_000) {
        throw new IllegalArgumentException(
            "maxConnectionsPerAddress must be within 1..1000000, was " + connections);
      }
      this.maxConnectionsPerAddress = connections;
      return this;
    }

    /** Sets whether unknown host keys are refused (default false); see {@link #strictHostKeys()}. */
    public Builder strictHostKeys(boolean strict) {
      this.strictHostKeys = strict;
      return this;
    }

    /**
     * Sets how many uncached password verifications may run at once.
     *
     * @throws IllegalArgumentException if it is outside 1..1024
     */
    public Builder authConcurrency(int verifications) {
      if (verifications < 1 || verifications > 1024) {
        throw new IllegalArgumentException("authConcurrency must be within 1..1024, was "
            + verifications);
      }
      this.authConcurrency = verifications;
      return this;
    }

    /**
     * Sets the PBKDF2 iteration count for new verifiers.
     *
     * @throws IllegalArgumentException if it is outside 1..{@link PasswordVerifiers#MAX_ITERATIONS}
     */
    public Builder pbkdf2Iterations(int iterations) {
      if (iterations < 1 || iterations > PasswordVerifiers.MAX_ITERATIONS) {
        throw new IllegalArgumentException("pbkdf2Iterations must be within 1.."
            + PasswordVerifiers.MAX_ITERATIONS + ", was " + iterations);
      }
      this.pbkdf2Iterations = iterations;
      return this;
    }

    /**
     * Sets the number of request threads.
     *
     * @throws IllegalArgumentException if it is outside 1..1024
     */
    public Builder workerThreads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("workerThreads must be within 1..1024, was " + threads);
      }
      this.workerThreads = threads;
      return this;
    }

    /**
     * Sets how many admitted requests may wait for a thread.
     *
     * @throws IllegalArgumentException if it is outside 0..100000
     */
    public Builder queueCapacity(int capacity) {
      if (capacity < 0 || capacity > 100_000) {
        throw new IllegalArgumentException("queueCapacity must be within 0..100000, was "
            + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * Sets the header parse timeout.
     *
     * @throws IllegalArgumentException if it is not positive or not below 24 days
     */
    public Builder requestParseTimeout(Duration timeout) {
      this.requestParseTimeout = positiveMillis(timeout, "requestParseTimeout");
      return this;
    }

    /**
     * Sets the idle connection timeout.
     *
     * @throws IllegalArgumentException if it is not positive or not below 24 days
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positiveMillis(timeout, "idleTimeout");
      return this;
    }

    /**
     * Sets how long a stop waits for in-flight requests.
     *
     * @throws IllegalArgumentException if it is not positive or not below 24 days
     */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = positiveMillis(timeout, "shutdownTimeout");
      return this;
    }

    /**
     * Sets the plain password of the first {@code admin}; null generates a random one.
     *
     * @throws IllegalArgumentException if it is empty
     */
    public Builder initialAdminPassword(String password) {
      if (password != null && password.isEmpty()) {
        throw new IllegalArgumentException("initialAdminPassword must not be empty");
      }
      this.initialAdminPassword = password;
      return this;
    }

    /** Returns the options. */
    public ServerOptions build() {
      return new ServerOptions(this);
    }

    private static Duration positiveMillis(Duration d, String name) {
      requireNonNull(d, name);
      // Undertow takes these as int milliseconds.
      if (d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(name + " must be within 1 ms..24 days, was " + d);
      }
      return d;
    }
  }
}
