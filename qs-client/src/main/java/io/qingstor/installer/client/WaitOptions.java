package io.qingstor.installer.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How a waiter waits: the overall timeout, the interval between status polls, and an optional
 * {@link ProgressListener}. Immutable; build with {@link #builder()} or start from
 * {@link #defaults()} (30 minutes, 5 second polls, no listener).
 */
public final class WaitOptions {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

  private final Duration timeout;
  private final Duration pollInterval;
  private final ProgressListener progressListener;

  private WaitOptions(Builder builder) {
    this.timeout = builder.timeout;
    this.pollInterval = builder.pollInterval;
    this.progressListener = builder.progressListener;
  }

  /** 30 minutes, polls every 5 seconds, no progress listener. */
  public static WaitOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.timeout = timeout;
    builder.pollInterval = pollInterval;
    builder.progressListener = progressListener;
    return builder;
  }

  /** How long to wait in all before throwing {@link QsWaitTimeoutException}. */
  public Duration timeout() {
    return timeout;
  }

  /** The pause between two status polls. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** The listener to report progress to, if any; log lines are fetched only when there is one. */
  public Optional<ProgressListener> progressListener() {
    return Optional.ofNullable(progressListener);
  }

  @Override
  public String toString() {
    return "WaitOptions[timeout=" + timeout + ", pollInterval=" + pollInterval
        + ", progressListener=" + (progressListener != null) + "]";
  }

  /** Builds {@link WaitOptions}; each setter validates its argument at once. */
  public static final class Builder {
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private ProgressListener progressListener;

    private Builder() {}

    /**
     * Sets the overall timeout.
     *
     * @throws IllegalArgumentException when it is zero or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * Sets the pause between polls.
     *
     * @throws IllegalArgumentException when it is zero or negative
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /** Sets the listener to report progress to; null for none. */
    public Builder progressListener(ProgressListener progressListener) {
      this.progressListener = progressListener;
      return this;
    }

    /** The options. */
    public WaitOptions build() {
      return new WaitOptions(this);
    }

    private static Duration positive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
