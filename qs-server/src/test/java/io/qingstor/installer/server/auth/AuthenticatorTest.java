package io.qingstor.installer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qingstor.installer.server.auth.AuthenticationException.Reason;
import io.qingstor.installer.testing.TestClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  private static final int ITERATIONS = 1_000;
  private static final int MAX_FAILURES = 3;
  private static final Duration LOCKOUT = Duration.ofMinutes(5);
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final String ALICE_PASSWORD = PasswordHashes.sha256Hex("alice's password");
  private static final String BOB_PASSWORD = PasswordHashes.sha256Hex("bob's password");
  private static final String WRONG = PasswordHashes.sha256Hex("a guess");

  private final TestClock clock = TestClock.start();
  private final CountingDerivation hashes = new CountingDerivation();
  private final PasswordVerifiers verifiers = new PasswordVerifiers(
      ITERATIONS, new SecureRandom(), hashes, PasswordVerifiers.CONSTANT_TIME);
  private final VerificationCache cache = new VerificationCache(100, TTL, clock);
  private final Map<String, StoredUser> users = new ConcurrentHashMap<>();
  private final Authenticator authenticator = new Authenticator(
      id -> Optional.ofNullable(users.get(id)), verifiers, cache,
      new LoginThrottle(MAX_FAILURES, LOCKOUT, clock));

  AuthenticatorTest() {
    store("alice", Role.OPERATOR, ALICE_PASSWORD);
    store("bob", Role.VIEWER, BOB_PASSWORD);
  }

  private void store(String userId, Role role, String presentedPassword) {
    users.put(userId, new StoredUser(userId, role, verifiers.create(presentedPassword)));
  }

  /** Authenticates and returns how many hashes it ran. */
  private int hashesRunBy(Runnable authentication) {
    int before = hashes.count();
    authentication.run();
    return hashes.count() - before;
  }

  private AuthenticationException rejection(String userId, String password) {
    return catchThrowableOfType(AuthenticationException.class,
        () -> authenticator.authenticate(userId, password));
  }

  private void failTimes(String userId, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(rejection(userId, WRONG)).isNotNull();
    }
  }

  @Test
  void successReturnsThePrincipalWithItsRole() {
    assertThat(authenticator.authenticate("alice", ALICE_PASSWORD))
        .isEqualTo(new Principal("alice", Role.OPERATOR));
  }

  @Test
  void uppercaseHexPasswordIsAccepted() {
    assertThat(authenticator.authenticate("alice", ALICE_PASSWORD.toUpperCase()).role())
        .isEqualTo(Role.OPERATOR);
  }

  @Test
  void wrongPasswordUnknownUserAndLockedUserFailAlike() {
    failTimes("bob", MAX_FAILURES);

    AuthenticationException wrong = rejection("alice", WRONG);
    AuthenticationException unknown = rejection("mallory", ALICE_PASSWORD);
    AuthenticationException locked = rejection("bob", BOB_PASSWORD);

    assertThat(wrong.reason()).isEqualTo(Reason.WRONG_PASSWORD);
    assertThat(unknown.reason()).isEqualTo(Reason.UNKNOWN_USER);
    assertThat(locked.reason()).isEqualTo(Reason.LOCKED);
    assertThat(wrong).hasMessage(AuthenticationException.MESSAGE);
    assertThat(unknown).hasMessage(AuthenticationException.MESSAGE);
    assertThat(locked).hasMessage(AuthenticationException.MESSAGE);
  }

  @Test
  void wrongPasswordUnknownUserAndLockedUserEachCostOneHash() {
    failTimes("bob", MAX_FAILURES);

    assertThat(hashesRunBy(() -> rejection("alice", WRONG))).isEqualTo(1);
    assertThat(hashesRunBy(() -> rejection("mallory", WRONG))).isEqualTo(1);
    assertThat(hashesRunBy(() -> rejection("bob", WRONG))).isEqualTo(1);
  }

  @Test
  void malformedCredentialsFailWithoutHashing() {
    String[][] malformed = {
        {"alice", "plain text password"},
        {"alice", ALICE_PASSWORD.substring(1)},
        {"alice", null},
        {"al ice", ALICE_PASSWORD},
        {"a".repeat(65), ALICE_PASSWORD},
        {null, ALICE_PASSWORD},
    };
    for (String[] credentials : malformed) {
      int ran = hashesRunBy(() -> assertThat(rejection(credentials[0], credentials[1]).reason())
          .isEqualTo(Reason.MALFORMED));
      assertThat(ran).isZero();
    }
  }

  @Test
  void maxFailuresLockTheUserOutEvenWithTheRightPassword() {
    failTimes("alice", MAX_FAILURES);

    assertThat(rejection("alice", ALICE_PASSWORD).reason()).isEqualTo(Reason.LOCKED);
  }

  @Test
  void aCachedSuccessDoesNotBypassALockout() {
    authenticator.authenticate("alice", ALICE_PASSWORD);
    failTimes("alice", MAX_FAILURES);

    assertThat(rejection("alice", ALICE_PASSWORD).reason()).isEqualTo(Reason.LOCKED);
  }

  @Test
  void theUserIsUnlockedAfterTheLockoutPeriod() {
    failTimes("alice", MAX_FAILURES);

    clock.advance(LOCKOUT);

    assertThat(authenticator.authenticate("alice", ALICE_PASSWORD).userId()).isEqualTo("alice");
  }

  @Test
  void failuresOfOneUserDoNotLockAnother() {
    failTimes("alice", MAX_FAILURES * 2);

    assertThat(authenticator.authenticate("bob", BOB_PASSWORD).role()).isEqualTo(Role.VIEWER);
  }

  @Test
  void aSuccessClearsEarlierFailures() {
    failTimes("alice", MAX_FAILURES - 1);
    authenticator.authenticate("alice", ALICE_PASSWORD);

    failTimes("alice", MAX_FAILURES - 1);

    assertThat(authenticator.authenticate("alice", ALICE_PASSWORD).userId()).isEqualTo("alice");
  }

  @Test
  void unknownUsersAreLockedOutLikeKnownOnes() {
    failTimes("mallory", MAX_FAILURES);

    assertThat(rejection("mallory", WRONG).reason()).isEqualTo(Reason.LOCKED);
  }

  @Test
  void aCacheHitDoesNotRunPbkdf2() {
    authenticator.authenticate("alice", ALICE_PASSWORD);

    assertThat(hashesRunBy(() -> authenticator.authenticate("alice", ALICE_PASSWORD))).isZero();
  }

  @Test
  void aWrongPasswordAfterACachedSuccessPaysAHashAndFails() {
    authenticator.authenticate("alice", ALICE_PASSWORD);

    int ran = hashesRunBy(() -> assertThat(rejection("alice", WRONG).reason())
        .isEqualTo(Reason.WRONG_PASSWORD));

    assertThat(ran).isEqualTo(1);
  }

  @Test
  void aChangedPasswordMissesTheCache() {
    authenticator.authenticate("alice", ALICE_PASSWORD);
    String newPassword = PasswordHashes.sha256Hex("alice's new password");
    store("alice", Role.OPERATOR, newPassword);

    assertThat(rejection("alice", ALICE_PASSWORD).reason()).isEqualTo(Reason.WRONG_PASSWORD);
    assertThat(hashesRunBy(() -> authenticator.authenticate("alice", newPassword))).isEqualTo(1);
  }

  @Test
  void aDeletedUserFailsAtOnceEvenIfCached() {
    authenticator.authenticate("alice", ALICE_PASSWORD);

    users.remove("alice");

    assertThat(rejection("alice", ALICE_PASSWORD).reason()).isEqualTo(Reason.UNKNOWN_USER);
  }

  @Test
  void aRoleChangeAppliesAtOnceEvenIfCached() {
    authenticator.authenticate("alice", ALICE_PASSWORD);

    users.computeIfPresent("alice", (id, u) -> new StoredUser(id, Role.ADMIN, u.verifier()));

    assertThat(authenticator.authenticate("alice", ALICE_PASSWORD).role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void aCachedSuccessExpiresAfterTheTtlAndHashesAgain() {
    authenticator.authenticate("alice", ALICE_PASSWORD);

    clock.advance(TTL);

    assertThat(hashesRunBy(() -> authenticator.authenticate("alice", ALICE_PASSWORD)))
        .isEqualTo(1);
  }

  @Test
  void aCorruptStoredVerifierIsAServerFaultThatDoesNotShowIt() {
    String corrupt = "pbkdf2-sha256$1000$" + ALICE_PASSWORD;
    users.put("carol", new StoredUser("carol", Role.VIEWER, corrupt));

    assertThatThrownBy(() -> authenticator.authenticate("carol", ALICE_PASSWORD))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("carol")
        .hasMessageNotContaining(ALICE_PASSWORD)
        .hasRootCauseMessage("malformed password verifier: expected 4 '$'-separated fields,"
            + " found 3");
  }
}
