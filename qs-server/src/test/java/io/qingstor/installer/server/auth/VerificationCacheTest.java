package io.qingstor.installer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerificationCacheTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final String VERIFIER = "pbkdf2-sha256$1000$salt$hash";
  private static final String PASSWORD = PasswordHashes.sha256Hex("secret");

  private final MutableClock clock = new MutableClock();
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
  void entryExpiresWhenTheTtlElapses() {
    cache.remember("alice", VERIFIER, PASSWORD);

    clock.advance(TTL.minusNanos(1));
    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isTrue();
    clock.advance(Duration.ofNanos(1));
    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isFalse();
  }

  @Test
  void aHitDoesNotExtendTheTtl() {
    cache.remember("alice", VERIFIER, PASSWORD);
    clock.advance(TTL.minusSeconds(1));
    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isTrue();

    clock.advance(Duration.ofSeconds(1));

    assertThat(cache.isVerified("alice", VERIFIER, PASSWORD)).isFalse();
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
}
