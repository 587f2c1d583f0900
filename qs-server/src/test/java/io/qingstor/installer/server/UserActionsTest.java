package io.qingstor.installer.server;

import static io.qingstor.installer.server.testing.InProcessServer.ADMIN;
import static io.qingstor.installer.server.testing.InProcessServer.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.server.ApiClient.Reply;
import io.qingstor.installer.server.auth.PasswordHashes;
import io.qingstor.installer.server.testing.InProcessServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CreateUser, DescribeUsers, ModifyUserPassword and DeleteUser over HTTP. */
class UserActionsTest {
  @RegisterExtension static final InProcessServer server = InProcessServer.withDefaults();
  static ApiClient api;

  @BeforeAll
  static void connect() {
    api = new ApiClient(server.url());
  }

  static Reply admin(String action, Map<String, ?> params) {
    return api.call(ADMIN, ADMIN_PASSWORD, action, params);
  }

  static Reply create(String userId, String plainPassword, String role) {
    return admin("CreateUser", Map.of("user_id", userId,
        "password", PasswordHashes.sha256Hex(plainPassword), "role", role));
  }

  @Test
  void createUserAddsAUserWhoCanAuthenticate() {
    Reply reply = create("carol", "carol-pw", "operator");

    assertThat(reply.retCode()).as(reply.body()).isZero();
    assertThat(reply.json().path("user_id").asText()).isEqualTo("carol");
    assertThat(api.call("carol", "carol-pw", "DescribeQingStor").retCode()).isZero();
  }

  @Test
  void describeUsersShowsIdsRolesAndTimesButNeverVerifiers() {
    create("dave", "dave-pw", "viewer");

    Reply reply = admin("DescribeUsers", Map.of("user_ids", List.of("dave", "admin")));

    assertThat(reply.retCode()).isZero();
    assertThat(reply.json().path("users").findValuesAsText("user_id"))
        .containsExactly("admin", "dave");
    assertThat(reply.json().path("users").get(1).path("role").asText()).isEqualTo("viewer");
    assertThat(reply.json().path("users").get(1).path("create_time").asText())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    assertThat(reply.body()).doesNotContain("pbkdf2", "verifier",
        PasswordHashes.sha256Hex("dave-pw"));
  }

  @Test
  void creatingAnExistingUserIsInvalidRequestOnUserId() {
    create("erin", "erin-pw", "viewer");

    Reply again = create("erin", "other", "admin");

    assertThat(again.retCode()).isEqualTo(1100);
    assertThat(again.json().path("errors").get(0).path("field").asText()).isEqualTo("user_id");
    assertThat(api.call("erin", "erin-pw", "DescribeQingStor").retCode()).isZero();
  }

  @Test
  void aPasswordThatIsNotASha256HexIsInvalidAndNotEchoed() {
    Reply reply = admin("CreateUser",
        Map.of("user_id", "frank", "password", "frank-plain-pw", "role", "viewer"));

    assertThat(reply.retCode()).isEqualTo(1100);
    assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("password");
    assertThat(reply.body()).doesNotContain("frank-plain-pw");
  }

  @Test
  void anUnknownRoleIsInvalidRequestOnRole() {
    Reply reply = create("gina", "gina-pw", "root");

    assertThat(reply.retCode()).isEqualTo(1100);
    assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("role");
  }

  @Test
  void aMalformedUserIdIsInvalidRequestOnUserId() {
    Reply reply = create("has space", "pw", "viewer");

    assertThat(reply.retCode()).isEqualTo(1100);
    assertThat(reply.json().path("errors").get(0).path("field").asText()).isEqualTo("user_id");
  }

  @Test
  void modifyUserPasswordReplacesThePasswordAtOnce() {
    create("hank", "hank-old", "viewer");
    assertThat(api.call("hank", "hank-old", "DescribeQingStor").retCode()).isZero();

    Reply reply = admin("ModifyUserPassword",
        Map.of("user_id", "hank", "password", PasswordHashes.sha256Hex("hank-new")));

    assertThat(reply.retCode()).isZero();
    assertThat(api.call("hank", "hank-old", "DescribeQingStor").retCode()).isEqualTo(1200);
    assertThat(api.call("hank", "hank-new", "DescribeQingStor").retCode()).isZero();
  }

  @Test
  void deleteUserRevokesAccessAtOnce() {
    create("ivan", "ivan-pw", "operator");
    assertThat(api.call("ivan", "ivan-pw", "DescribeQingStor").retCode()).isZero();

    Reply reply = admin("DeleteUser", Map.of("user_id", "ivan"));

    assertThat(reply.retCode()).isZero();
    assertThat(api.call("ivan", "ivan-pw", "DescribeQingStor").retCode()).isEqualTo(1200);
  }

  @Test
  void theLastAdminCannotBeDeleted() {
    Reply reply = admin("DeleteUser", Map.of("user_id", "admin"));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.retCode()).isEqualTo(1400);
    assertThat(reply.message()).contains("last admin");
  }

  @Test
  void anAdminMayBeDeletedWhileAnotherRemains() {
    create("jill", "jill-pw", "admin");
    create("kurt", "kurt-pw", "admin");

    assertThat(api.call("jill", "jill-pw", "DeleteUser", Map.of("user_id", "kurt")).retCode())
        .isZero();
  }

  @Test
  void modifyingOrDeletingAnUnknownUserIsResourceNotFound() {
    Reply modify = admin("ModifyUserPassword",
        Map.of("user_id", "ghost", "password", PasswordHashes.sha256Hex("x")));
    Reply delete = admin("DeleteUser", Map.of("user_id", "ghost"));

    assertThat(modify.retCode()).isEqualTo(2100);
    assertThat(delete.retCode()).isEqualTo(2100);
    assertThat(delete.status()).isEqualTo(404);
  }
}
