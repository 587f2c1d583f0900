package io.qingstor.installer.testing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that moves only when a test moves it, so time-based behaviour (expiry, lockout,
 * backoff) is tested without sleeping. Thread-safe: the code under test may read it from any
 * thread.
 */
public final class TestClock extends Clock {
  /** Where {@link #start()} begins. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private volatile Instant now;

  private TestClock(Instant start) {
    this.now = requireNonNull(start, "start");
  }

  /** A clock standing at {@link #DEFAULT_START}. */
  public static TestClock start() {
    return new TestClock(DEFAULT_START);
  }

  /** A clock standing at {@code start}. */
  public static TestClock at(Instant start) {
    return new TestClock(start);
  }

  /** Moves the clock forward by {@code duration}. */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + duration);
    }
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock: tests run in UTC, and any other zone is refused rather than ignored. */
  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone.normalized())) {
      throw new UnsupportedOperationException("the test clock is UTC only, not " + zone);
    }
    return this;
  }
}
