package io.qingstor.installer.bench;

import io.qingstor.installer.server.auth.Authenticator;
import io.qingstor.installer.server.auth.LoginThrottle;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.auth.PasswordVerifiers;
import io.qingstor.installer.server.auth.Role;
import io.qingstor.installer.server.auth.StoredUser;
import io.qingstor.installer.server.auth.VerificationCache;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the verification cache saves a polling client: the server's {@link Authenticator} answering
 * from its cache (the state after a first success) against the full PBKDF2-HMAC-SHA256 verification
 * with the server's default 600,000 iterations that every request would pay without the cache (and
 * that a wrong password always pays).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AuthBenchmark {

  private static final String USER = "poller";

  private final String presented = PasswordHashes.sha256Hex("bench-password");
  private PasswordVerifiers verifiers;
  private StoredUser user;
  private Authenticator authenticator;

  /** Creates the user's verifier and authenticates once, so that the cache holds the success. */
  @Setup
  public void setUp() {
    verifiers = new PasswordVerifiers(PasswordVerifiers.DEFAULT_ITERATIONS, new SecureRandom());
    user = new StoredUser(USER, Role.VIEWER, verifiers.create(presented));
    Clock clock = Clock.systemUTC();
    VerificationCache cache = new VerificationCache(VerificationCache.DEFAULT_MAX_ENTRIES,
        // Longer than the run, so that no iteration sees the entry expire.
        Duration.ofHours(1), clock);
    authenticator = new Authenticator(id -> id.equals(USER) ? Optional.of(user) : Optional.empty(), verifiers,
        cache, new LoginThrottle(LoginThrottle.DEFAULT_MAX_FAILURES, LoginThrottle.DEFAULT_LOCKOUT, clock));
    authenticator.authenticate(USER, presented);
  }

  /** An authentication the cache answers. */
  @Benchmark
  public Object cachedAuthentication() {
    return authenticator.authenticate(USER, presented);
  }

  /** One full verification: what an authentication costs without the cache. */
  @Benchmark
  public boolean fullVerification() {
    return verifiers.matches(presented, user.verifier());
  }
}
