package io.qingstor.installer.server;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.core.exec.DaemonThreads;
import io.qingstor.installer.core.plan.PlanDirectory;
import io.qingstor.installer.core.state.FileStateStore;
import io.qingstor.installer.server.auth.Authenticator;
import io.qingstor.installer.server.auth.HashingBudget;
import io.qingstor.installer.server.console.ConsoleHandler;
import io.qingstor.installer.server.auth.LoginThrottle;
import io.qingstor.installer.server.auth.PasswordVerifiers;
import io.qingstor.installer.server.auth.VerificationCache;
import io.qingstor.installer.server.dispatch.AccessPolicy;
import io.qingstor.installer.server.dispatch.ActionDispatcher;
import io.qingstor.installer.server.http.HttpChain;
import io.qingstor.installer.server.http.HttpListener;
import io.qingstor.installer.server.support.ServerLogTail;
import io.qingstor.installer.server.support.ServerSupport;
import io.qingstor.installer.server.http.RequestGate;
import io.qingstor.installer.server.metrics.CoreInstrumentation;
import io.qingstor.installer.server.metrics.MetricsHandler;
import io.qingstor.installer.server.metrics.ServerMetrics;
import io.qingstor.installer.server.users.InitialAdmin;
import io.qingstor.installer.server.users.UserService;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;

/**
 * The running installer API: owns the {@link QingStorCore}, the request pool and the Undertow
 * listener, starting them in {@link #start()} and stopping them in {@link #stop()}. Embedders and
 * tests start one in-process with {@link #start(ServerOptions)}; {@code ServerMain} gets one from
 * Guice. A request is admitted once its body has arrived. Stopping admits no new request (they
 * get 5100, {@code /healthz} 503), answers log requests waiting for news with what there is,
 * lets admitted ones finish within the shutdown timeout, closes
 * the listener (a request still sending its body is dropped), then closes the core (a running
 * job ends "interrupted by shutdown"). Thread-safe.
 */
public final class QsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QsServer.class);
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  /**
   * How much of a refused oversize body is read and discarded after the 413 so the connection
   * closes cleanly: closing a socket with unread input resets it, and the reset can destroy the
   * 413 before the client reads it. Past this, the connection is dropped.
   */
  private static final long OVERSIZE_DRAIN_BYTES = 32L * 1024 * 1024;
  /** Where the SSH executor records host keys, inside the data directory (qs-core's default). */
  private static final String KNOWN_HOSTS = "known_hosts";

  private enum State { NEW, RUNNING, STOPPED }

  private final ServerOptions options;
  private final Clock clock;
  private State state = State.NEW;
  private FileStateStore store;
  private QingStorCore core;
  private CoreInstrumentation instrumentation;
  private ExecutorService pool;
  private RequestGate gate;
  private HttpListener listener;
  private int port;

  /** Creates a server that is not started yet. */
  @Inject
  public QsServer(ServerOptions options, Clock clock) {
    this.options = requireNonNull(options, "options");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Starts a server with {@code options} and returns it running.
   *
   * @throws RuntimeException if it cannot start (port taken, unreadable plan or keystore, corrupt
   *     data directory); nothing stays open then
   */
  public static QsServer start(ServerOptions options) {
    return new QsServer(options, Clock.systemUTC()).start();
  }

  /**
   * Opens the core, creates the first admin if there is no user, and starts listening.
   *
   * @return this server
   * @throws IllegalStateException if it was started before
   * @throws RuntimeException if it cannot start; whatever it opened is closed again
   */
  public synchronized QsServer start() {
    if (state != State.NEW) {
      throw new IllegalStateException("a QsServer starts once; it is " + state);
    }
    state = State.RUNNING;
    try {
      open();
    } catch (RuntimeException | Error e) {
      stop();
      throw e;
    }
    log.info("qs-server listening on {} (data {}, plan {})", url(), options.dataDir(),
        options.plan().orElse(PlanDirectory.DEFAULT_PLAN));
    return this;
  }

  private void open() {
    store = new FileStateStore(options.dataDir(), options.secretKeyFile());
    ServerMetrics metrics = new ServerMetrics();
    instrumentation = new CoreInstrumentation(metrics, store,
        options.dataDir().resolve(KNOWN_HOSTS), options.strictHostKeys(), clock);
    SecureRandom random = new SecureRandom();
    PasswordVerifiers verifiers = new PasswordVerifiers(options.pbkdf2Iterations(), random);
    VerificationCache cache = new VerificationCache(VerificationCache.DEFAULT_MAX_ENTRIES,
        VerificationCache.DEFAULT_TTL, clock);
    LoginThrottle throttle = new LoginThrottle(LoginThrottle.DEFAULT_MAX_FAILURES,
        LoginThrottle.DEFAULT_LOCKOUT, clock);
    // A password reset by an admin, or deleting the user, lifts its lockouts.
    UserService users = new UserService(store, verifiers, cache, clock, throttle::unlock);
    // A first start hashes the new admin's password: a PBKDF2 that takes ~0.5 s in a cold JVM, a
    // third of the start. It runs beside the core's start (plan, SSH client, recovery), which
    // needs only the store; both are done before the listener opens.
    CompletableFuture<Void> admin = users.isEmpty()
        ? CompletableFuture.runAsync(() -> new InitialAdmin(users, random)
            .ensure(options.initialAdminPassword(), options.dataDir()), QsServer::runOnStartThread)
        : CompletableFuture.completedFuture(null);
    try {
      QingStorCore.Builder builder = instrumentation.apply(QingStorCore.builder()).clock(clock);
      options.plan().ifPresent(builder::plan);
      core = builder.build();
    } catch (RuntimeException | Error e) {
      // Report the core's failure; the admin task must still end before stop() closes the store.
      admin.handle((done, failure) -> {
        if (failure != null) {
          e.addSuppressed(failure);
        }
        return null;
      }).join();
      throw e;
    }
    awaitStartTask(admin);
    Authenticator authenticator = new Authenticator(users::find, verifiers, cache, throttle,
        new HashingBudget(options.authConcurrency()));
    pool = newPool(options.workerThreads());
    // The reserve keeps places for addresses that authenticated recently: a crowd of failing
    // logins cannot fill the gate for an admin at work.
    gate = new RequestGate(options.workerThreads() + options.queueCapacity(),
        options.workerThreads(), RequestGate.DEFAULT_HELD_CAPACITY);
    HttpHandler root = HttpChain.build(new HttpChain.Parts(new JsonCodec(), authenticator,
        new AccessPolicy(), ActionDispatcher.of(core, users,
            new ServerSupport(options, ServerLogTail.install())), gate, throttle::isTrustedSource,
        pool, options.bodyLimitBytes(), options.bodyBudgetBytes(), options.requestParseTimeout()));
    metrics.requestGate(gate::active, options.workerThreads());
    listener = HttpListener.start(listenerSettings(),
        ConsoleHandler.around(MetricsHandler.around(metrics, options.metricsToken(), root)));
    port = listener.port();
  }

  /** Returns the port the server listens on (the chosen one when started with port 0). */
  public synchronized int port() {
    requireRunning();
    return port;
  }

  /** Returns the base URL, e.g. {@code http://127.0.0.1:9080/}. */
  public synchronized String url() {
    requireRunning();
    String host = options.bindAddress().contains(":")
        ? "[" + options.bindAddress() + "]" : options.bindAddress();
    return (options.tlsKeystore().isPresent() ? "https" : "http") + "://" + host + ":" + port
        + "/";
  }

  /** Returns the number of requests in progress (running or waiting for a thread). */
  public synchronized int activeRequests() {
    return gate == null ? 0 : gate.active();
  }

  /** Returns the number of requests held without a thread until their answer is ready. */
  public synchronized int heldRequests() {
    return gate == null ? 0 : gate.held();
  }

  /**
   * Stops the server gracefully (see the class comment); returns at once if it is stopped.
   * Waits at most the shutdown timeout for in-flight requests.
   */
  public void stop() {
    RequestGate closing;
    QingStorCore holding;
    synchronized (this) {
      if (state == State.STOPPED) {
        return;
      }
      state = State.STOPPED;
      closing = gate;
      holding = core;
    }
    // Outside the lock: draining may take a while and port() must stay answerable meanwhile.
    if (closing != null) {
      closing.close();
      // Log requests waiting for news are answered now, so the drain waits for no news.
      holding.stopHoldingLogRequests();
      awaitIdle(closing);
    }
    synchronized (this) {
      if (listener != null) {
        listener.close();
      }
      if (pool != null) {
        pool.shutdownNow();
      }
      if (core != null) {
        core.close();
      }
      if (instrumentation != null) {
        instrumentation.close();
      }
      if (store != null) {
        store.close();
      }
    }
    log.info("qs-server stopped");
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private void awaitIdle(RequestGate closing) {
    try {
      if (!closing.awaitIdle(options.shutdownTimeout())) {
        log.warn("{} request(s) still in progress after {}; stopping anyway", closing.active(),
            options.shutdownTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void requireRunning() {
    if (listener == null) {
      throw new IllegalStateException("the server is not started");
    }
  }

  private HttpListener.Settings listenerSettings() {
    OptionMap serverOptions = OptionMap.builder()
        // A backstop far above the limit: the body buffering stops at the limit and answers a
        // JSON 413; Undertow then drains the rest, up to this, and drops the connection past it.
        .set(UndertowOptions.MAX_ENTITY_SIZE,
            Math.max(options.bodyLimitBytes(), OVERSIZE_DRAIN_BYTES))
        .set(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
        .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) options.requestParseTimeout().toMillis())
        .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) options.idleTimeout().toMillis())
        .set(UndertowOptions.IDLE_TIMEOUT, (int) options.idleTimeout().toMillis())
        .getMap();
    OptionMap socketOptions = OptionMap.builder()
        // IDLE_TIMEOUT does not cover a response stuck on a client that stopped reading: these do.
        .set(Options.READ_TIMEOUT, (int) options.idleTimeout().toMillis())
        .set(Options.WRITE_TIMEOUT, (int) options.idleTimeout().toMillis())
        // At the limit the listener stops accepting; waiting connections sit in the backlog.
        .set(Options.CONNECTION_HIGH_WATER, options.maxConnections())
        .set(Options.CONNECTION_LOW_WATER, options.maxConnections())
        .getMap();
    Optional<SSLContext> tls = options.tlsKeystore().map(keystore ->
        TlsContexts.fromPkcs12(keystore, options.tlsPassword().toCharArray()));
    // Two I/O threads: requests run on the bounded pool, the I/O threads only move bytes.
    return new HttpListener.Settings(options.bindAddress(), options.port(), tls, 2, socketOptions,
        serverOptions, options.maxConnectionsPerAddress(), clock);
  }

  private static void runOnStartThread(Runnable task) {
    DaemonThreads.start("qs-server-start", task);
  }

  /** Waits for a task started beside the core and rethrows its failure as it was thrown. */
  private static void awaitStartTask(CompletableFuture<Void> task) {
    try {
      task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static ExecutorService newPool(int threads) {
    // Unbounded queue on purpose: the RequestGate bounds what can ever be in it.
    return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), DaemonThreads.named("qs-request-"));
  }
}
