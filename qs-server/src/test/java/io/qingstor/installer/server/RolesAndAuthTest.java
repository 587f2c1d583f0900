package io.qingstor.installer.server;

import static io.qingstor.installer.server.testing.InProcessServer.ADMIN;
import static io.qingstor.installer.server.testing.InProcessServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.api.Action.Privilege;
import io.qingstor.installer.api.Action;
import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.auth.LoginThrottle;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.testing.InProcessServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authentication (1200) and the role rules (1400) over HTTP. */
class RolesAndAuthTest {
  @RegisterExtension static final InProcessServer server = InProcessServer.withDefaults();
  static ApiClient api;

  @BeforeAll
  static void connect() {
    api = new ApiClient(server.url());
    createUser("vera", "viewer");
    createUser("otto", "operator");
  }

  static void createUser(String userId, String role) {
    Reply reply = api.call(ADMIN, ADMIN_PASSWORD, "CreateUser", Map.of("user_id", userId,
        "password", PasswordHashes.sha256Hex(userId + "-pw"), "role", role));
    assertThat(reply.retCode()).as(reply.body()).isZero();
  }

  static Reply as(String userId, String action, Map<String, ?> params) {
    return api.call(userId, userId + "-pw", action, params);
  }

  @Test
  void wrongPasswordUnknownUserAndLockedUserGetIdenticalAnswers() {
    createUser("lena", "operator");
    Reply wrong = api.call("lena", "a guess", "DescribeQingStor");
    for (int i = 1; i < LoginThrottle.DEFAULT_MAX_FAILURES; i++) {
      api.call("lena", "a guess", "DescribeQingStor");
    }
    Reply locked = as("lena", "DescribeQingStor", Map.of());
    Reply unknown = api.call("nobody", "whatever", "DescribeQingStor");

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.retCode()).isEqualTo(1200);
    assertThat(locked.body()).isEqualTo(wrong.body());
    assertThat(unknown.body()).isEqualTo(wrong.body());
    assertThat(locked.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
  }

  @Test
  void aLockoutDoesNotAffectOtherUsers() {
    createUser("max", "viewer");
    for (int i = 0; i < LoginThrottle.DEFAULT_MAX_FAILURES; i++) {
      api.call("max", "a guess", "DescribeQingStor");
    }

    assertThat(as("max", "DescribeQingStor", Map.of()).retCode()).isEqualTo(1200);
    assertThat(as("vera", "DescribeQingStor", Map.of()).retCode()).isZero();
  }

  @Test
  void missingCredentialsFailLikeAWrongPassword() {
    Reply missing = api.post("{\"action\":\"DescribeQingStor\"}");
    Reply wrong = api.call("vera", "a guess", "DescribeQingStor");

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.body()).isEqualTo(wrong.body());
  }

  @Test
  void aPlainTextPasswordFailsLikeAWrongOne() {
    Reply plain = api.post("{\"action\":\"DescribeQingStor\",\"USER_ID\":\"vera\","
        + "\"PASSWORD\":\"vera-pw\"}");

    assertThat(plain.retCode()).isEqualTo(1200);
    assertThat(plain.message()).doesNotContain("vera-pw");
  }

  @Test
  void aViewerMayCallEveryViewActionAndNothingElse() {
    for (Action action : Action.values()) {
      Reply reply = as("vera", action.wireName(), Map.of());
      if (action.privilege() == Privilege.VIEW) {
        assertThat(reply.retCode()).as(action + ": " + reply.body()).isNotEqualTo(1400);
      } else {
        assertThat(reply.retCode()).as(action + ": " + reply.body()).isEqualTo(1400);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.message())
            .isEqualTo("PermissionDenied, role viewer may not call " + action.wireName());
      }
    }
  }

  @Test
  void aViewerCallingConfigQingStorIsDeniedBeforeValidation() {
    Reply reply = as("vera", "ConfigQingStor", Configs.validConfig());

    assertThat(reply.retCode()).isEqualTo(1400);
    assertThat(reply.message()).contains("viewer", "ConfigQingStor");
  }

  @Test
  void anOperatorMayOperateButNotManageUsers() {
    Reply addNodes = as("otto", "AddNodes", Map.of("nodes", java.util.List.of(
        Map.of("ip", "127.0.0.31", "ssh_user", "root", "ssh_password", "x"))));
    Reply describeUsers = as("otto", "DescribeUsers", Map.of());

    assertThat(addNodes.retCode()).as(addNodes.body()).isZero();
    assertThat(describeUsers.retCode()).isEqualTo(1400);
    assertThat(describeUsers.message()).contains("role operator", "DescribeUsers");
  }

  @Test
  void anAdminMayManageUsers() {
    Reply reply = api.call(ADMIN, ADMIN_PASSWORD, "DescribeUsers");

    assertThat(reply.retCode()).isZero();
  }

  @Test
  void anyUserMayChangeTheirOwnPassword() {
    createUser("pat", "viewer");

    Reply change = as("pat", "ModifyUserPassword",
        Map.of("user_id", "pat", "password", PasswordHashes.sha256Hex("pat-new")));

    assertThat(change.retCode()).as(change.body()).isZero();
    assertThat(as("pat", "DescribeQingStor", Map.of()).retCode()).isEqualTo(1200);
    assertThat(api.call("pat", "pat-new", "DescribeQingStor").retCode()).isZero();
  }

  @Test
  void aNonAdminMayNotChangeAnotherUsersPassword() {
    Reply reply = as("otto", "ModifyUserPassword",
        Map.of("user_id", "vera", "password", PasswordHashes.sha256Hex("stolen")));

    assertThat(reply.retCode()).isEqualTo(1400);
    assertThat(as("vera", "DescribeQingStor", Map.of()).retCode()).isZero();
  }
}
