package io.qingstor.installer.client;

import io.qingstor.installer.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when something sleeps on it, recording every requested delay. */
final class FakeTime implements Sleeper {
  private final TestClock clock = TestClock.at(Instant.parse("2024-05-01T08:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  Instant now() {
    return clock.instant();
  }

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  Clock clock() {
    return clock;
  }
}
