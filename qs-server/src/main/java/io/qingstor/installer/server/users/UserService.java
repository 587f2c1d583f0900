package io.qingstor.installer.server.users;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.WireTime;
import io.qingstor.installer.api.model.CreateUserRequest;
import io.qingstor.installer.api.model.DeleteUserRequest;
import io.qingstor.installer.api.model.DescribeUsersRequest;
import io.qingstor.installer.api.model.DescribeUsersResponse;
import io.qingstor.installer.api.model.ModifyUserPasswordRequest;
import io.qingstor.installer.api.model.UserIdResponse;
import io.qingstor.installer.api.model.UserInfo;
import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.state.UserRecord;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.auth.PasswordVerifiers;
import io.qingstor.installer.server.auth.Role;
import io.qingstor.installer.server.auth.StoredUser;
import io.qingstor.installer.server.auth.UserIds;
import io.qingstor.installer.server.auth.VerificationCache;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The user actions over the core's {@link StateStore}: users live in memory for lookups and every
 * change is saved (verifiers only, never the presented password) before it is visible. A password
 * change or deletion forgets the user's cached verifications at once and tells the {@code
 * credentialsChanged} listener (the server lifts the user's lockouts there). Rules: a new user id must
 * be free (1100 on {@code user_id} otherwise); an unknown user is 2100; the last admin cannot be
 * deleted (1400). Thread-safe: lookups read an immutable snapshot, changes are serialised.
 */
public final class UserService {
  private final StateStore store;
  private final PasswordVerifiers verifiers;
  private final VerificationCache cache;
  private final Clock clock;
  private final Consumer<String> credentialsChanged;
  private final Object writeLock = new Object();
  private volatile Map<String, UserRecord> users;

  /**
   * Loads the users from {@code store}.
   *
   * @throws IllegalStateException if a stored user has an unknown role or a malformed id
   */
  public UserService(StateStore store, PasswordVerifiers verifiers, VerificationCache cache,
      Clock clock) {
    this(store, verifiers, cache, clock, userId -> { });
  }

  /**
   * Loads the users from {@code store}; {@code credentialsChanged} hears of every user whose
   * password changed or who was deleted.
   *
   * @throws IllegalStateException if a stored user has an unknown role or a malformed id
   */
  public UserService(StateStore store, PasswordVerifiers verifiers, VerificationCache cache,
      Clock clock, Consumer<String> credentialsChanged) {
    this.credentialsChanged = requireNonNull(credentialsChanged, "credentialsChanged");
    this.store = requireNonNull(store, "store");
    this.verifiers = requireNonNull(verifiers, "verifiers");
    this.cache = requireNonNull(cache, "cache");
    this.clock = requireNonNull(clock, "clock");
    Map<String, UserRecord> loaded = new TreeMap<>();
    for (UserRecord user : store.loadUsers()) {
      toStored(user);
      loaded.put(user.userId(), user);
    }
    this.users = Collections.unmodifiableMap(loaded);
  }

  /** Returns the user with exactly this id (the Authenticator's lookup). */
  public Optional<StoredUser> find(String userId) {
    return Optional.ofNullable(users.get(userId)).map(UserService::toStored);
  }

  /** Returns whether no user exists yet (a first start). */
  public boolean isEmpty() {
    return users.isEmpty();
  }

  /**
   * CreateUser: adds a user with a verifier of the presented password.
   *
   * @throws QsApiException 1100 naming the field when {@code user_id}, {@code password} or
   *     {@code role} is missing or malformed, or when the user already exists
   */
  public UserIdResponse create(CreateUserRequest request) {
    String userId = requireUserId(request.userId());
    String verifier = verifierOf(request.password());
    Role role = Role.fromWire(request.role()).orElseThrow(() -> QsApiException.invalidField(
        "role", "missing or unknown role; expected admin, operator or viewer"));
    Instant now = clock.instant();
    change(current -> {
      if (current.containsKey(userId)) {
        throw QsApiException.invalidField("user_id", "user '" + userId + "' already exists");
      }
      return with(current, new UserRecord(userId, role.wireName(), verifier, now, now));
    });
    return new UserIdResponse(userId);
  }

  /** DescribeUsers: the named users (unknown names are skipped), or all, sorted by id. */
  public DescribeUsersResponse describe(DescribeUsersRequest request) {
    List<UserInfo> infos = new ArrayList<>();
    for (UserRecord user : users.values()) {
      if (request.userIds() == null || request.userIds().contains(user.userId())) {
        infos.add(new UserInfo(user.userId(), user.role(), time(user.createTime()),
            time(user.updateTime())));
      }
    }
    return new DescribeUsersResponse(infos, infos.size());
  }

  /**
   * ModifyUserPassword: replaces a user's verifier and forgets its cached verifications.
   *
   * @throws QsApiException 1100 for a missing or malformed field, 2100 for an unknown user
   */
  public UserIdResponse modifyPassword(ModifyUserPasswordRequest request) {
    String userId = requireUserId(request.userId());
    String verifier = verifierOf(request.password());
    Instant now = clock.instant();
    change(current -> {
      UserRecord old = requireExisting(current, userId);
      return with(current, new UserRecord(userId, old.role(), verifier, old.createTime(), now));
    });
    cache.forget(userId);
    credentialsChanged.accept(userId);
    return new UserIdResponse(userId);
  }

  /**
   * DeleteUser: removes a user and forgets its cached verifications.
   *
   * @throws QsApiException 1100 for a missing or malformed {@code user_id}, 2100 for an unknown
   *     user, 1400 when it is the last admin
   */
  public UserIdResponse delete(DeleteUserRequest request) {
    String userId = requireUserId(request.userId());
    change(current -> {
      UserRecord old = requireExisting(current, userId);
      boolean lastAdmin = Role.ADMIN.wireName().equals(old.role())
          && current.values().stream().filter(u -> Role.ADMIN.wireName().equals(u.role()))
              .count() == 1;
      if (lastAdmin) {
        throw new QsApiException(RetCode.PERMISSION_DENIED,
            "user '" + userId + "' is the last admin and cannot be deleted");
      }
      Map<String, UserRecord> next = new TreeMap<>(current);
      next.remove(userId);
      return next;
    });
    cache.forget(userId);
    credentialsChanged.accept(userId);
    return new UserIdResponse(userId);
  }

  /**
   * Creates {@code userId} with {@code role} unless some user already exists; used at first start.
   * Returns whether it created the user.
   */
  boolean createIfNoUsers(String userId, Role role, String presentedPassword) {
    String verifier = verifiers.create(presentedPassword);
    Instant now = clock.instant();
    boolean[] created = {false};
    change(current -> {
      if (!current.isEmpty()) {
        return current;
      }
      created[0] = true;
      return with(current, new UserRecord(userId, role.wireName(), verifier, now, now));
    });
    return created[0];
  }

  /** Applies {@code update} to the users, saves the result, then publishes it. */
  private void change(UnaryOperator<Map<String, UserRecord>> update) {
    synchronized (writeLock) {
      Map<String, UserRecord> next = update.apply(users);
      if (next == users) {
        return;
      }
      store.saveUsers(List.copyOf(next.values()));
      users = Collections.unmodifiableMap(next);
    }
  }

  private static Map<String, UserRecord> with(Map<String, UserRecord> current, UserRecord user) {
    Map<String, UserRecord> next = new TreeMap<>(current);
    next.put(user.userId(), user);
    return next;
  }

  private static UserRecord requireExisting(Map<String, UserRecord> current, String userId) {
    UserRecord user = current.get(userId);
    if (user == null) {
      throw new QsApiException(RetCode.RESOURCE_NOT_FOUND, "user '" + userId + "' does not exist");
    }
    return user;
  }

  private static String requireUserId(String userId) {
    if (userId == null) {
      throw QsApiException.invalidField("user_id", "missing parameter");
    }
    if (!UserIds.isValid(userId)) {
      throw QsApiException.invalidField("user_id",
          "must be 1 to 64 of the characters A-Z a-z 0-9 _ . @ -");
    }
    return userId;
  }

  /** Hashes outside the write lock: PBKDF2 takes a while by design. */
  private String verifierOf(String presentedPassword) {
    if (presentedPassword == null) {
      throw QsApiException.invalidField("password", "missing parameter");
    }
    // The message never repeats the value: it may be a plain password sent by mistake.
    String canonical = PasswordHashes.canonical(presentedPassword).orElseThrow(() ->
        QsApiException.invalidField("password",
            "must be the lowercase hex SHA-256 of the password (64 hex digits)"));
    return verifiers.create(canonical);
  }

  private static StoredUser toStored(UserRecord user) {
    Role role = Role.fromWire(user.role()).orElseThrow(() -> new IllegalStateException(
        "stored user " + user.userId() + " has an unknown role"));
    return new StoredUser(user.userId(), role, user.verifier());
  }

  private static String time(Instant instant) {
    return instant == null ? null : WireTime.format(instant);
  }
}
