package io.qingstor.installer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final int MAX_FAILURES = 3;
  private static final Duration LOCKOUT = Duration.ofMinutes(5);

  private final TestClock clock = TestClock.start();
  private final LoginThrottle throttle = new LoginThrottle(MAX_FAILURES, LOCKOUT, clock, 100);

  private void fail(String userId, int times) {
    for (int i = 0; i < times; i++) {
      throttle.recordFailure(userId);
    }
  }

  @Test
  void failuresFromOneAddressDoNotLockTheUserAtAnother() {
    for (int i = 0; i < 50; i++) {
      throttle.recordFailure("admin", "127.0.0.2");
    }

    assertThat(throttle.isLocked("admin", "127.0.0.2")).isTrue();
    assertThat(throttle.isLocked("admin", "127.0.0.3")).isFalse();
  }

  @Test
  void theGlobalCapLocksNewAddressesButNotOnesThatAuthenticatedRecently() {
    throttle.recordSuccess("admin", "10.0.0.250");
    for (int i = 0; i < LoginThrottle.DEFAULT_MAX_USER_FAILURES; i++) {
      throttle.recordFailure("admin", "10.0." + (i / 200) + "." + (i % 200));
    }

    assertThat(throttle.isLocked("admin", "10.9.9.9")).isTrue();
    assertThat(throttle.isLocked("admin", "10.0.0.250")).isFalse();
    assertThat(throttle.isLocked("bob", "10.9.9.9")).isFalse();
  }

  @Test
  void unlockLiftsEveryLockoutOfTheUser() {
    for (int i = 0; i < LoginThrottle.DEFAULT_MAX_USER_FAILURES; i++) {
      throttle.recordFailure("admin", "10.0.0." + (i % 50));
    }

    throttle.unlock("admin");

    assertThat(throttle.isLocked("admin", "10.0.0.1")).isFalse();
    assertThat(throttle.isLocked("admin", "10.9.9.9")).isFalse();
  }

  @Test
  void aUserWithoutFailuresIsNotLocked() {
    assertThat(throttle.isLocked("alice")).isFalse();
  }

  @Test
  void fewerThanMaxFailuresDoNotLock() {
    fail("alice", MAX_FAILURES - 1);

    assertThat(throttle.isLocked("alice")).isFalse();
  }

  @Test
  void maxFailuresLock() {
    fail("alice", MAX_FAILURES);

    assertThat(throttle.isLocked("alice")).isTrue();
  }

  @Test
  void theLockoutEndsWhenItsPeriodElapses() {
    fail("alice", MAX_FAILURES);

    clock.advance(LOCKOUT.minusNanos(1));
    assertThat(throttle.isLocked("alice")).isTrue();
    clock.advance(Duration.ofNanos(1));
    assertThat(throttle.isLocked("alice")).isFalse();
  }

  @Test
  void theCountStartsAgainAfterALockout() {
    fail("alice", MAX_FAILURES);
    clock.advance(LOCKOUT);

    fail("alice", MAX_FAILURES - 1);

    assertThat(throttle.isLocked("alice")).isFalse();
  }

  @Test
  void failuresWhileLockedDoNotExtendTheLockout() {
    fail("alice", MAX_FAILURES);
    clock.advance(LOCKOUT.minusSeconds(1));

    fail("alice", 10);
    clock.advance(Duration.ofSeconds(1));

    assertThat(throttle.isLocked("alice")).isFalse();
  }

  @Test
  void failuresFurtherApartThanTheLockoutDoNotAccumulate() {
    for (int i = 0; i < MAX_FAILURES * 2; i++) {
      throttle.recordFailure("alice");
      clock.advance(LOCKOUT);
    }

    assertThat(throttle.isLocked("alice")).isFalse();
  }

  @Test
  void aSuccessClearsEarlierFailures() {
    fail("alice", MAX_FAILURES - 1);
    throttle.recordSuccess("alice");

    fail("alice", MAX_FAILURES - 1);

    assertThat(throttle.isLocked("alice")).isFalse();
  }

  @Test
  void failuresOfOneUserNeverLockAnother() {
    fail("alice", MAX_FAILURES * 3);

    assertThat(throttle.isLocked("alice")).isTrue();
    assertThat(throttle.isLocked("bob")).isFalse();
  }

  @Test
  void expiredRecordsAreDropped() {
    fail("alice", 1);
    fail("bob", MAX_FAILURES);
    clock.advance(LOCKOUT);

    throttle.recordFailure("carol");

    assertThat(throttle.trackedUsers()).isEqualTo(1);
  }

  @Test
  void trackedUsersStayBoundedUnderAFloodOfRandomIds() {
    for (int i = 0; i < 10_000; i++) {
      throttle.recordFailure("random" + i);
      assertThat(throttle.trackedUsers()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void aFloodOfRandomIdsDoesNotLiftALockout() {
    fail("admin", MAX_FAILURES);

    for (int i = 0; i < 10_000; i++) {
      throttle.recordFailure("random" + i);
    }

    assertThat(throttle.isLocked("admin")).isTrue();
  }

  @Test
  void whenEveryTrackedIdIsLockedTheStalestLockIsEvicted() {
    LoginThrottle strict = new LoginThrottle(1, LOCKOUT, clock, 2);
    strict.recordFailure("first");
    strict.recordFailure("second");

    strict.recordFailure("third");

    assertThat(strict.trackedUsers()).isEqualTo(2);
    assertThat(strict.isLocked("first")).isFalse();
    assertThat(strict.isLocked("second")).isTrue();
    assertThat(strict.isLocked("third")).isTrue();
  }

  @Test
  void rejectsInvalidSettings() {
    assertThatThrownBy(() -> new LoginThrottle(0, LOCKOUT, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFailures");
    assertThatThrownBy(() -> new LoginThrottle(3, Duration.ofSeconds(-1), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lockout");
    assertThatThrownBy(() -> new LoginThrottle(3, LOCKOUT, clock, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTrackedUsers");
    assertThatThrownBy(() -> new LoginThrottle(3, LOCKOUT, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
  }
}
