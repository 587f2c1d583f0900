package io.qingstor.installer.server.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.CreateUserRequest;
import io.qingstor.installer.api.model.DeleteUserRequest;
import io.qingstor.installer.api.model.DescribeUsersRequest;
import io.qingstor.installer.api.model.ModifyUserPasswordRequest;
import io.qingstor.installer.core.state.FileStateStore;
import io.qingstor.installer.core.state.UserRecord;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.auth.PasswordVerifiers;
import io.qingstor.installer.server.auth.Role;
import io.qingstor.installer.server.auth.VerificationCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserServiceTest {
  static final String ALICE = PasswordHashes.sha256Hex("alice-pw");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path data;
  final PasswordVerifiers verifiers = new PasswordVerifiers(1_000, new SecureRandom());
  final VerificationCache cache = new VerificationCache(10, Duration.ofMinutes(1), CLOCK);

  private FileStateStore store;

  /** Opens the users over the data directory, as a (re)start does: the previous store closes. */
  UserService open() {
    closeStore();
    store = new FileStateStore(data);
    return new UserService(store, verifiers, cache, CLOCK);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  @Test
  void aCreatedUserIsSavedAsAVerifierAndSurvivesARestart() throws Exception {
    open().create(new CreateUserRequest("alice", ALICE, "operator"));

    UserService reopened = open();

    assertThat(reopened.find("alice")).hasValueSatisfying(user -> {
      assertThat(user.role()).isEqualTo(Role.OPERATOR);
      assertThat(verifiers.matches(ALICE, user.verifier())).isTrue();
    });
    String usersFile = Files.readString(data.resolve("users.json"));
    assertThat(usersFile).contains("pbkdf2-sha256$").doesNotContain(ALICE);
  }

  @Test
  void describeShowsTimesInWireFormat() {
    UserService users = open();
    users.create(new CreateUserRequest("alice", ALICE, "viewer"));

    assertThat(users.describe(new DescribeUsersRequest(null)).users().get(0).createTime())
        .isEqualTo("2026-01-02 03:04:05");
  }

  @Test
  void uppercaseHexIsAcceptedAsTheSamePassword() {
    UserService users = open();

    users.create(new CreateUserRequest("alice", ALICE.toUpperCase(), "viewer"));

    assertThat(verifiers.matches(ALICE, users.find("alice").orElseThrow().verifier())).isTrue();
  }

  @Test
  void aPasswordChangeForgetsCachedVerifications() {
    UserService users = open();
    users.create(new CreateUserRequest("alice", ALICE, "viewer"));
    String verifier = users.find("alice").orElseThrow().verifier();
    cache.remember("alice", verifier, ALICE);

    users.modifyPassword(new ModifyUserPasswordRequest("alice", PasswordHashes.sha256Hex("new")));

    assertThat(cache.isVerified("alice", verifier, ALICE)).isFalse();
  }

  @Test
  void aDeletionForgetsCachedVerificationsAndPersists() {
    UserService users = open();
    users.create(new CreateUserRequest("root", ALICE, "admin"));
    users.create(new CreateUserRequest("alice", ALICE, "viewer"));
    String verifier = users.find("alice").orElseThrow().verifier();
    cache.remember("alice", verifier, ALICE);

    users.delete(new DeleteUserRequest("alice"));

    assertThat(cache.isVerified("alice", verifier, ALICE)).isFalse();
    assertThat(open().find("alice")).isEmpty();
  }

  @Test
  void theLastAdminCannotBeDeleted() {
    UserService users = open();
    users.create(new CreateUserRequest("root", ALICE, "admin"));

    assertThatThrownBy(() -> users.delete(new DeleteUserRequest("root")))
        .isInstanceOfSatisfying(QsApiException.class,
            e -> assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED));
    assertThat(users.find("root")).isPresent();
  }

  @Test
  void missingFieldsAreInvalidRequestsNamingThem() {
    UserService users = open();

    assertThatThrownBy(() -> users.create(new CreateUserRequest(null, ALICE, "viewer")))
        .hasMessageContaining("user_id");
    assertThatThrownBy(() -> users.create(new CreateUserRequest("bob", null, "viewer")))
        .hasMessageContaining("password");
    assertThatThrownBy(() -> users.create(new CreateUserRequest("bob", ALICE, null)))
        .hasMessageContaining("role");
  }

  @Test
  void aStoredUserWithAnUnknownRoleFailsTheStart() {
    try (FileStateStore written = new FileStateStore(data)) {
      written.saveUsers(List.of(
          new UserRecord("eve", "superuser", "v", Instant.EPOCH, Instant.EPOCH)));
    }

    assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("eve");
  }

  @Test
  void createIfNoUsersCreatesOnlyTheFirstUser() {
    UserService users = open();

    assertThat(users.createIfNoUsers("admin", Role.ADMIN, ALICE)).isTrue();
    assertThat(users.createIfNoUsers("other", Role.ADMIN, ALICE)).isFalse();
    assertThat(users.find("other")).isEmpty();
  }
}
