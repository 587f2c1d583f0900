package io.qingstor.installer.client;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.client.internal.PasswordHash;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Builds a {@link QsClient}. Each setter validates its argument at once and throws naming it;
 * {@link #build()} checks that the endpoint and the credentials are set. Not thread-safe; the
 * clients it builds are.
 */
public final class QsClientBuilder {
  /** Connect timeout of a client that creates its own OkHttp client. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Read timeout of a client that creates its own OkHttp client. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  /** Call timeout of a client that creates its own OkHttp client: none. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ZERO;

  private static final Set<String> SCHEMES = Set.of("http", "https");

  URI endpoint;
  String userId;
  String passwordHash;
  Duration connectTimeout;
  Duration readTimeout;
  Duration callTimeout;
  OkHttpClient sharedHttpClient;
  SSLSocketFactory sslSocketFactory;
  X509TrustManager trustManager;
  RetryPolicy retryPolicy = RetryPolicy.defaults();
  Clock clock = Clock.systemUTC();
  Sleeper sleeper = Sleeper.system();
  DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

  QsClientBuilder() {}

  QsClientBuilder(QsClientBuilder other) {
    endpoint = other.endpoint;
    userId = other.userId;
    passwordHash = other.passwordHash;
    connectTimeout = other.connectTimeout;
    readTimeout = other.readTimeout;
    callTimeout = other.callTimeout;
    sharedHttpClient = other.sharedHttpClient;
    sslSocketFactory = other.sslSocketFactory;
    trustManager = other.trustManager;
    retryPolicy = other.retryPolicy;
    clock = other.clock;
    sleeper = other.sleeper;
    jitter = other.jitter;
  }

  /**
   * Sets the server's URL; requests are POSTed to it, path included.
   *
   * @throws IllegalArgumentException when it is not an absolute http or https URL with a host
   */
  public QsClientBuilder endpoint(URI endpoint) {
    requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme) || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "endpoint must be an http or https URL with a host, e.g. http://10.0.0.1:9090/");
    }
    if (endpoint.getUserInfo() != null || endpoint.getFragment() != null) {
      throw new IllegalArgumentException("endpoint must not carry user info or a fragment");
    }
    this.endpoint = endpoint;
    return this;
  }

  /**
   * Sets the server's URL from text.
   *
   * @throws IllegalArgumentException when it is not a URL, or as {@link #endpoint(URI)}
   */
  public QsClientBuilder endpoint(String endpoint) {
    requireNonNull(endpoint, "endpoint");
    return endpoint(URI.create(endpoint.trim()));
  }

  /**
   * Sets the {@code USER_ID} every request carries.
   *
   * @throws IllegalArgumentException when it is blank
   */
  public QsClientBuilder userId(String userId) {
    requireNonNull(userId, "userId");
    if (userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
    this.userId = userId;
    return this;
  }

  /**
   * Sets the password from its plain text; only its SHA-256 is kept and sent.
   *
   * @throws IllegalArgumentException when it is empty
   */
  public QsClientBuilder password(String plain) {
    requireNonNull(plain, "password");
    if (plain.isEmpty()) {
      throw new IllegalArgumentException("password must not be empty");
    }
    this.passwordHash = PasswordHash.of(plain);
    return this;
  }

  /**
   * Sets the password as the lowercase hex SHA-256 the wire carries ({@code sha256sum}).
   *
   * @throws IllegalArgumentException when it is not 64 hex digits
   */
  public QsClientBuilder passwordHash(String hex) {
    this.passwordHash = PasswordHash.require(hex, "passwordHash");
    return this;
  }

  /**
   * Sets the TCP connect timeout; zero means none.
   *
   * @throws IllegalArgumentException when it is negative or out of OkHttp's range
   */
  public QsClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = timeout(timeout, "connectTimeout");
    return this;
  }

  /**
   * Sets the longest silence while reading a response; zero means none.
   *
   * @throws IllegalArgumentException when it is negative or out of OkHttp's range
   */
  public QsClientBuilder readTimeout(Duration timeout) {
    this.readTimeout = timeout(timeout, "readTimeout");
    return this;
  }

  /**
   * Sets the limit of one HTTP exchange from connect to the last response byte; zero means
   * none. Each retry gets its own.
   *
   * @throws IllegalArgumentException when it is negative or out of OkHttp's range
   */
  public QsClientBuilder callTimeout(Duration timeout) {
    this.callTimeout = timeout(timeout, "callTimeout");
    return this;
  }

  /**
   * Shares an OkHttp client (its connection pool and threads) with the rest of the
   * application. The QsClient derives its own settings from it with
   * {@link OkHttpClient#newBuilder()}, applying only the timeouts and TLS set on this builder,
   * and never shuts it down: its owner does. Without one, the QsClient creates its own client
   * and shuts it down in {@link QsClient#close()}.
   */
  public QsClientBuilder okHttpClient(OkHttpClient shared) {
    this.sharedHttpClient = requireNonNull(shared, "okHttpClient");
    return this;
  }

  /** Trusts the server certificates {@code trustManager} accepts (a private CA, say). */
  public QsClientBuilder sslSocketFactory(
      SSLSocketFactory sslSocketFactory, X509TrustManager trustManager) {
    this.sslSocketFactory = requireNonNull(sslSocketFactory, "sslSocketFactory");
    this.trustManager = requireNonNull(trustManager, "trustManager");
    return this;
  }

  /** Sets how failed requests are retried; {@link RetryPolicy#defaults()} unless set. */
  public QsClientBuilder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy");
    return this;
  }

  /** Sets the clock the waiters' deadlines and {@code Retry-After} dates are read from. */
  public QsClientBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /** Sets how the client pauses between retries and polls; {@link Sleeper#system()} unless set. */
  public QsClientBuilder sleeper(Sleeper sleeper) {
    this.sleeper = requireNonNull(sleeper, "sleeper");
    return this;
  }

  /** Replaces the backoff's random numbers in [0, 1), so that tests can pin the delays. */
  QsClientBuilder jitter(DoubleSupplier jitter) {
    this.jitter = requireNonNull(jitter, "jitter");
    return this;
  }

  /**
   * Builds the client.
   *
   * @throws IllegalStateException when the endpoint, the user id or the password is not set
   */
  public QsClient build() {
    if (endpoint == null) {
      throw new IllegalStateException("endpoint is required");
    }
    if (userId == null) {
      throw new IllegalStateException("userId is required");
    }
    if (passwordHash == null) {
      throw new IllegalStateException("password or passwordHash is required");
    }
    return new QsClient(new QsClientBuilder(this));
  }

  /**
   * The OkHttp client a QsClient built from these settings uses: derived from the shared one,
   * or new (and then owned by the QsClient).
   */
  OkHttpClient newHttpClient() {
    boolean shared = sharedHttpClient != null;
    OkHttpClient.Builder http =
        shared ? sharedHttpClient.newBuilder() : new OkHttpClient.Builder();
    // OkHttp would silently resend a POST after some connection failures, even one that reached
    // the server: retries are RetryRules' call alone, so that AddNodes is never sent twice.
    http.retryOnConnectionFailure(false);
    // A shared client keeps its own timeouts unless this builder set others.
    if (connectTimeout != null || !shared) {
      http.connectTimeout(orDefault(connectTimeout, DEFAULT_CONNECT_TIMEOUT));
    }
    if (readTimeout != null || !shared) {
      http.readTimeout(orDefault(readTimeout, DEFAULT_READ_TIMEOUT));
    }
    if (callTimeout != null || !shared) {
      http.callTimeout(orDefault(callTimeout, DEFAULT_CALL_TIMEOUT));
    }
    if (sslSocketFactory != null) {
      http.sslSocketFactory(sslSocketFactory, trustManager);
    }
    return http.build();
  }

  private static Duration orDefault(Duration value, Duration fallback) {
    return value != null ? value : fallback;
  }

  /** OkHttp takes whole milliseconds up to Integer.MAX_VALUE; zero disables the timeout. */
  private static Duration timeout(Duration value, String name) {
    requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
    if (value.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(name + " is too large: " + value);
    }
    if (!value.isZero() && value.toMillis() == 0) {
      throw new IllegalArgumentException(name + " is below one millisecond: " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "QsClientBuilder[endpoint=" + endpoint + ", userId=" + userId + ", password=***]";
  }
}
