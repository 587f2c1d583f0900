package io.qingstor.installer.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when something sleeps on it, recording every requested delay. */
final class FakeTime implements Sleeper {
  private Instant now = Instant.parse("2024-05-01T08:00:00Z");
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
  }

  synchronized Instant now() {
    return now;
  }

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the fake clock is UTC only");
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }
}
