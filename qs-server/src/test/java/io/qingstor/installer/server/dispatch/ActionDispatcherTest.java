package io.qingstor.installer.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiRequest;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.JsonCodec;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.model.DescribeUsersResponse;
import io.qingstor.installer.api.model.DescribeUsersRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.server.auth.PasswordVerifiers;
import io.qingstor.installer.server.auth.Principal;
import io.qingstor.installer.server.auth.Role;
import io.qingstor.installer.server.auth.VerificationCache;
import io.qingstor.installer.server.users.UserService;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionDispatcherTest {
  @TempDir Path data;
  QingStorCore core;
  ActionDispatcher dispatcher;
  final Principal admin = new Principal("admin", Role.ADMIN);

  @BeforeEach
  void open() {
    core = QingStorCore.builder().dataDir(data).build();
    UserService users = new UserService(core.store(),
        new PasswordVerifiers(1_000, new SecureRandom()),
        new VerificationCache(10, Duration.ofMinutes(1), Clock.systemUTC()), Clock.systemUTC());
    dispatcher = ActionDispatcher.of(core, users);
  }

  @AfterEach
  void close() {
    core.close();
  }

  @Test
  void everyActionReachesAHandlerForItsRequestTypeAndAnswersItsResponseType() {
    JsonCodec codec = new JsonCodec();
    for (Action action : Action.values()) {
      ApiRequest empty = codec.convert(codec.mapper().createObjectNode(), action.requestType());
      try {
        ApiResponse response = dispatcher.dispatch(action, empty, admin);
        if (response instanceof HeldAnswer held) {
          response = held.answer().join();
        }
        assertThat(response).as(action.name()).isInstanceOf(action.responseType());
      } catch (QsApiException expected) {
        // An empty request may well be refused; what matters is that no cast failed.
      }
    }
  }

  @Test
  void userActionsGoToTheUserService() {
    ApiResponse response = dispatcher.dispatch(Action.DESCRIBE_USERS,
        new DescribeUsersRequest(null), admin);

    assertThat(response).isInstanceOf(DescribeUsersResponse.class);
  }

  @Test
  void aTableMissingAnActionIsRefused() {
    Map<Action, ActionHandler> table = new EnumMap<>(Action.class);
    for (Action action : Action.values()) {
      table.put(action, (request, caller) -> null);
    }
    table.remove(Action.CANCEL_JOB);

    assertThatThrownBy(() -> new ActionDispatcher(table))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CANCEL_JOB");
  }
}
