package io.qingstor.installer.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.Action.Privilege;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.DescribeQingStorRequest;
import io.qingstor.installer.api.model.ModifyUserPasswordRequest;
import io.qingstor.installer.server.auth.Principal;
import io.qingstor.installer.server.auth.Role;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  static final Map<Role, Set<Privilege>> EXPECTED = Map.of(
      Role.ADMIN, EnumSet.allOf(Privilege.class),
      Role.OPERATOR, EnumSet.of(Privilege.VIEW, Privilege.OPERATE),
      Role.VIEWER, EnumSet.of(Privilege.VIEW));

  final AccessPolicy policy = new AccessPolicy();

  @Test
  void eachRoleMayCallExactlyTheActionsOfItsPrivileges() {
    for (Role role : Role.values()) {
      Principal caller = new Principal("someone", role);
      for (Action action : Action.values()) {
        assertThat(policy.allows(caller, action, new DescribeQingStorRequest()))
            .as(role + " " + action)
            .isEqualTo(EXPECTED.get(role).contains(action.privilege()));
      }
    }
  }

  @Test
  void anyRoleMayChangeItsOwnPassword() {
    for (Role role : Role.values()) {
      assertThat(policy.allows(new Principal("me", role), Action.MODIFY_USER_PASSWORD,
          new ModifyUserPasswordRequest("me", "x"))).as(role.name()).isTrue();
    }
  }

  @Test
  void onlyAnAdminMayChangeAnotherUsersPassword() {
    ModifyUserPasswordRequest other = new ModifyUserPasswordRequest("you", "x");

    assertThat(policy.allows(new Principal("me", Role.OPERATOR), Action.MODIFY_USER_PASSWORD,
        other)).isFalse();
    assertThat(policy.allows(new Principal("me", Role.ADMIN), Action.MODIFY_USER_PASSWORD,
        other)).isTrue();
  }

  @Test
  void aDenialIsPermissionDeniedNamingTheRoleAndTheAction() {
    assertThatThrownBy(() -> policy.check(new Principal("v", Role.VIEWER),
        Action.CONFIG_QINGSTOR, new DescribeQingStorRequest()))
        .isInstanceOfSatisfying(QsApiException.class,
            e -> assertThat(e.retCode()).isEqualTo(RetCode.PERMISSION_DENIED))
        .hasMessage("PermissionDenied, role viewer may not call ConfigQingStor");
  }
}
