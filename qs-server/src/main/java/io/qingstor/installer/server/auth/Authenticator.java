package io.qingstor.installer.server.auth;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.server.auth.AuthenticationException.Reason;
import java.util.Optional;
import java.util.function.Function;

/**
 * Authenticates a request's {@code USER_ID} and {@code PASSWORD}. Every rejection throws the same
 * {@link AuthenticationException} message, and every rejection after the shape check costs one
 * full hash: an unknown or locked user burns one, a wrong password pays one. So neither message
 * nor timing tells a caller whether a user exists (shape errors are answered at once: they depend
 * only on what the caller sent). The order is:
 *
 * <ol>
 *   <li>shape: user id per {@link UserIds}, password 64 hex digits (uppercase is lowercased);
 *   <li>lockout: a locked user fails even with the right password, after burning a hash;
 *   <li>lookup: an unknown (or deleted) user burns a hash and counts a failure, even if a
 *       verification of it is still cached;
 *   <li>cache: a hit for this exact user, verifier and password succeeds without hashing;
 *   <li>verification: a full PBKDF2 run; success is cached and clears the failures, a wrong
 *       password counts a failure. A wrong password is never answered from the cache. Concurrent
 *       requests with the same credentials share one run's success ({@link
 *       VerificationCache#verify}).
 * </ol>
 *
 * <p>Lockouts are per user and client address ({@link LoginThrottle}), so failures from one
 * address never lock a user out elsewhere. Every full hashing (a cache miss, a dummy for an
 * unknown or locked user) runs within the {@link HashingBudget}: with none free the request is
 * answered 5100 without hashing, so a flood of failing logins cannot take the threads of cached,
 * authenticated requests.
 *
 * <p>The role always comes from the fresh lookup, so a role change applies at once. Concurrent
 * requests already past the lockout check may each still try a password when a lockout starts;
 * the server's bounded request concurrency bounds that overshoot. Thread-safe if the lookup is.
 */
public final class Authenticator {
  private final Function<String, Optional<StoredUser>> users;
  private final PasswordVerifiers verifiers;
  private final VerificationCache cache;
  private final LoginThrottle throttle;
  private final HashingBudget hashing;

  /**
   * Creates an authenticator with an {@linkplain HashingBudget#unbounded() unbounded} hashing
   * budget.
   *
   * @throws NullPointerException if any argument is null
   */
  public Authenticator(Function<String, Optional<StoredUser>> users, PasswordVerifiers verifiers,
      VerificationCache cache, LoginThrottle throttle) {
    this(users, verifiers, cache, throttle, HashingBudget.unbounded());
  }

  /**
   * Creates an authenticator over a user lookup (by exact user id) and its collaborators.
   *
   * @throws NullPointerException if any argument is null
   */
  public Authenticator(Function<String, Optional<StoredUser>> users, PasswordVerifiers verifiers,
      VerificationCache cache, LoginThrottle throttle, HashingBudget hashing) {
    this.users = requireNonNull(users, "users");
    this.verifiers = requireNonNull(verifiers, "verifiers");
    this.cache = requireNonNull(cache, "cache");
    this.throttle = requireNonNull(throttle, "throttle");
    this.hashing = requireNonNull(hashing, "hashing");
  }

  /** As {@link #authenticate(String, String, String)} for a caller at an unknown address. */
  public Principal authenticate(String userId, String presentedPassword) {
    return authenticate(userId, presentedPassword, LoginThrottle.UNKNOWN_SOURCE);
  }

  /**
   * Returns the principal of {@code userId} if {@code presentedPassword} is its password.
   *
   * @throws AuthenticationException if the arguments are malformed or null, the user is unknown
   *     or locked out, or the password is wrong
   * @throws IllegalStateException if the user's stored verifier is malformed (a server fault)
   * @throws io.qingstor.installer.api.QsApiException 5100 if a hashing is needed and the budget
   *     has no free slot
   */
  public Principal authenticate(String userId, String presentedPassword, String source) {
    requireNonNull(source, "source");
    Optional<String> canonical = PasswordHashes.canonical(presentedPassword);
    if (!UserIds.isValid(userId) || canonical.isEmpty()) {
      throw new AuthenticationException(Reason.MALFORMED);
    }
    String presented = canonical.get();
    if (throttle.isLocked(userId, source)) {
      burn(presented);
      throw new AuthenticationException(Reason.LOCKED);
    }
    Optional<StoredUser> found = requireNonNull(users.apply(userId), "user lookup result");
    if (found.isEmpty()) {
      burn(presented);
      throttle.recordFailure(userId, source);
      throw new AuthenticationException(Reason.UNKNOWN_USER);
    }
    StoredUser user = found.get();
    boolean verified = cache.verify(userId, user.verifier(), presented,
        () -> hashing.runNow(() -> verify(user, presented)));
    if (!verified) {
      throttle.recordFailure(userId, source);
      throw new AuthenticationException(Reason.WRONG_PASSWORD);
    }
    throttle.recordSuccess(userId, source);
    return new Principal(user.userId(), user.role());
  }

  private void burn(String presented) {
    hashing.runNow(() -> {
      verifiers.burn(presented);
      return true;
    });
  }

  private boolean verify(StoredUser user, String presented) {
    try {
      return verifiers.matches(presented, user.verifier());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("stored verifier of user " + user.userId() + " is unusable",
          e);
    }
  }
}
