package io.qingstor.installer.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often and how patiently the SDK resends a request that failed in a retryable way:
 * at most {@code maxAttempts} sends in all, waiting between them an exponential backoff with full
 * jitter (a random delay between zero and {@code min(maxDelay, baseDelay * 2^(retry-1))}).
 *
 * <p>Whatever the policy, only safe requests are resent: read-only actions, and
 * platform-changing actions, which always carry a {@code client_token}.
 *
 * @param maxAttempts sends in all, at least 1 (1 means no retry)
 * @param baseDelay the backoff ceiling of the first retry
 * @param maxDelay the ceiling of any delay, also of a server's {@code Retry-After}
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5));
  private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException when maxAttempts is below 1, a delay is negative, or
   *     maxDelay is below baseDelay
   */
  public RetryPolicy {
    requireNonNull(baseDelay, "baseDelay");
    requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (baseDelay.isNegative()) {
      throw new IllegalArgumentException("baseDelay must not be negative: " + baseDelay);
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay must not be below baseDelay: " + maxDelay + " < " + baseDelay);
    }
  }

  /** Three attempts, 200 ms base, 5 s maximum delay. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** A single attempt: every failure reaches the caller at once. */
  public static RetryPolicy none() {
    return NONE;
  }

  /** This policy with another number of attempts; throws like the constructor. */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, baseDelay, maxDelay);
  }

  /** This policy with another base delay; throws like the constructor. */
  public RetryPolicy withBaseDelay(Duration delay) {
    return new RetryPolicy(maxAttempts, delay, maxDelay);
  }

  /** This policy with another maximum delay; throws like the constructor. */
  public RetryPolicy withMaxDelay(Duration delay) {
    return new RetryPolicy(maxAttempts, baseDelay, delay);
  }

  /**
   * The delay before a retry: {@code unitRandom} times the backoff ceiling of that retry.
   *
   * @param retry 1 for the first retry (the second attempt), 2 for the next, ...
   * @param unitRandom a random number in [0, 1): the jitter
   * @throws IllegalArgumentException when retry is below 1 or unitRandom is outside [0, 1)
   */
  public Duration delayBeforeRetry(int retry, double unitRandom) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be at least 1: " + retry);
    }
    if (!(unitRandom >= 0 && unitRandom < 1)) {
      throw new IllegalArgumentException("unitRandom must be in [0, 1): " + unitRandom);
    }
    return Duration.ofNanos((long) (ceiling(retry).toNanos() * unitRandom));
  }

  /** {@code min(maxDelay, baseDelay * 2^(retry-1))}, without overflow. */
  Duration ceiling(int retry) {
    int doublings = Math.min(retry - 1, 62);
    long base = baseDelay.toNanos();
    long max = maxDelay.toNanos();
    return Duration.ofNanos(base > (max >> doublings) ? max : base << doublings);
  }
}
