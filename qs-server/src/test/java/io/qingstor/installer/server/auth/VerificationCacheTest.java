package io.qingstor.installer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class VerificationCacheTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final String VERIFIER = "pbkdf2-sha256$1000$salt$hash";
  private static final String PASSWORD = PasswordHashes.sha256Hex("secret");

  private final TestClock clock = TestClock.start();
  private final VerificationCache cache = new VerificationCache(10, TTL, clock);

  @Test
  void rememberedVerificationHits() {
    cache.remember("alice", VERIFIER, PASSWORD);

    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isTrue();
  }

  @Test
  void nothingHitsAnEmptyCache() {
    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isFalse();
  }

  @Test
  void anotherPasswordMisses() {
    cache.remember("alice", VERIFIER, PASSWORD);

    assertThat(cache.isVerified("alice", VERIFIER, PasswordHashes.sha256Hex("guess"))).isFalse();
  }

  @Test
  void aChangedVerifierMisses() {
    cache.remember("alice", VERIFIER, PASSWORD);

    assertThat(cache.isVerified("alice", "pbkdf2-sha256$1000$salt2$hash2", PASSWORD)).isFalse();
  }

  @Test
  void anotherUserWithTheSameVerifierAndPasswordMisses() {
    cache.remember("alice", VERIFIER, PASSWORD);

    assertThat(cache.isVerified("bob", VERIFIER, PASSWORD)).isFalse();
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    cache.remember("ab", "c", PASSWORD);

    assertThat(cache.isVerified("a", "bc", PASSWORD)).isFalse();
  }

  @Test
  void entryUnusedForTheTtlExpires() {
    cache.remember("alice", VERIFIER, PASSWORD);

    clock.advance(TTL);

    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isFalse();
  }

  @Test
  void entryUsedJustBeforeTheTtlStillHits() {
    cache.remember("alice", VERIFIER, PASSWORD);

    clock.advance(TTL.minusNanos(1));

    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isTrue();
  }

  @Test
  void aHitExtendsTheEntryByTheTtl() {
    cache.remember("alice", VERIFIER, PASSWORD);
    clock.advance(TTL.minusSeconds(1));
    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isTrue();

    clock.advance(TTL.minusSeconds(1));

    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isTrue();
  }

  @Test
  void sizeNeverExceedsMaxEntries() {
    for (int i = 0; i < 100; i++) {
      cache.remember("user" + i, VERIFIER, PASSWORD);
      assertThat(cache.size()).isLessThanOrEqualTo(10);
    }
    assertThat(cache.size()).isEqualTo(10);
  }

  @Test
  void theLeastRecentlyUsedEntryIsEvictedFirst() {
    for (int i = 0; i < 10; i++) {
      cache.remember("user" + i, VERIFIER, PASSWORD);
    }
    assertThat(cache.isVerified("user0", VERIFIER, PASSWORD)).isTrue();

    cache.remember("newcomer", VERIFIER, PASSWORD);

    assertThat(cache.isVerified("user0", VERIFIER, PASSWORD)).isTrue();
    assertThat(cache.isVerified("user1", VERIFIER, PASSWORD)).isFalse();
    assertThat(cache.isVerified("newcomer", VERIFIER, PASSWORD)).isTrue();
  }

  @Test
  void sizeCountsOnlyUnexpiredEntries() {
    cache.remember("alice", VERIFIER, PASSWORD);
    clock.advance(TTL.dividedBy(2));
    cache.remember("bob", VERIFIER, PASSWORD);

    clock.advance(TTL.dividedBy(2));

    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void forgetDropsEveryEntryOfThatUserOnly() {
    cache.remember("alice", VERIFIER, PASSWORD);
    cache.remember("alice", "pbkdf2-sha256$1000$other$verifier", PASSWORD);
    cache.remember("bob", VERIFIER, PASSWORD);

    cache.forget("alice");

    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isFalse();
    assertThat(cache.isVerified("bob", VERIFIER, PASSWORD)).isTrue();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void rejectsInvalidSettings() {
    assertThatThrownBy(() -> new VerificationCache(0, TTL, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEntries");
    assertThatThrownBy(() -> new VerificationCache(10, Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl");
    assertThatThrownBy(() -> new VerificationCache(10, TTL, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
  }

  @Test
  void rejectsNullArgumentsNamingThem() {
    assertThatThrownBy(() -> cache.remember("alice", VERIFIER, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("presentedPassword");
    assertThatThrownBy(() -> cache.isVerified(null, VERIFIER, PASSWORD))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("userId");
  }

  @Test
  void aFreshHitRunsNoVerification() {
    cache.remember("alice", VERIFIER, PASSWORD);
    clock.advance(TTL.multipliedBy(8).dividedBy(10));

    assertThat(cache.verify("alice", VERIFIER, PASSWORD, () -> {
      throw new AssertionError("verified again");
    })).isTrue();
  }

  @Test
  void aMissVerifiesOnceAndRemembersTheSuccess() {
    AtomicInteger runs = new AtomicInteger();

    assertThat(cache.verify("alice", VERIFIER, PASSWORD, () -> runs.incrementAndGet() > 0)).isTrue();
    assertThat(cache.verify("alice", VERIFIER, PASSWORD, () -> runs.incrementAndGet() > 0)).isTrue();

    assertThat(runs).hasValue(1);
    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isTrue();
  }

  @Test
  void aFailedVerificationIsNotRemembered() {
    assertThat(cache.verify("alice", VERIFIER, PASSWORD, () -> false)).isFalse();

    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isFalse();
  }

  @Test
  void aPollerHittingWithinEveryTtlNeverVerifiesAgain() {
    AtomicInteger runs = new AtomicInteger();
    BooleanSupplier verification = () -> runs.incrementAndGet() > 0;

    for (int poll = 0; poll < 10; poll++) {
      assertThat(cache.verify("alice", VERIFIER, PASSWORD, verification)).isTrue();
      clock.advance(TTL.minusSeconds(1));
    }

    assertThat(runs).hasValue(1);
  }

  @Test
  void anEntryIdleForTheTtlIsVerifiedAfresh() {
    AtomicInteger runs = new AtomicInteger();
    BooleanSupplier verification = () -> runs.incrementAndGet() > 0;
    cache.verify("alice", VERIFIER, PASSWORD, verification);

    clock.advance(TTL);

    assertThat(cache.verify("alice", VERIFIER, PASSWORD, verification)).isTrue();
    assertThat(runs).hasValue(2);
  }

  @Test
  void concurrentMissesWithTheSameCredentialsShareOneSuccessfulVerification() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<Future<Boolean>> results = concurrently(8, () -> cache.verify("alice", VERIFIER, PASSWORD, () -> {
      runs.incrementAndGet();
      await(release);
      return true;
    }), release);

    for (Future<Boolean> result : results) {
      assertThat(result.get(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(runs).hasValue(1);
  }

  @Test
  void aFailedVerificationIsNotSharedEachWaiterPaysItsOwn() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<Future<Boolean>> results = concurrently(8, () -> cache.verify("alice", VERIFIER, PASSWORD, () -> {
      runs.incrementAndGet();
      await(release);
      return false;
    }), release);

    for (Future<Boolean> result : results) {
      assertThat(result.get(10, TimeUnit.SECONDS)).isFalse();
    }
    assertThat(runs).hasValue(8);
  }

  /**
   * Starts the calls, waits until every caller is parked (the leader on {@code release}, the
   * others on the leader's verification), then opens {@code release}.
   */
  private static List<Future<Boolean>> concurrently(int callers, Callable<Boolean> call, CountDownLatch release) {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(callers, task -> {
      Thread thread = new Thread(task);
      threads.add(thread);
      return thread;
    });
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(pool.submit(call));
      }
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == callers
          && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
      release.countDown();
      return results;
    } finally {
      pool.shutdown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
