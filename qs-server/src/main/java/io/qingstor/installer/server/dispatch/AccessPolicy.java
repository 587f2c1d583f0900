package io.qingstor.installer.server.dispatch;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.Action.Privilege;
import io.qingstor.installer.api.ApiRequest;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.ModifyUserPasswordRequest;
import io.qingstor.installer.server.auth.Principal;
import io.qingstor.installer.server.auth.Role;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which role may call which action, as one table of privileges per role: {@code admin} has all,
 * {@code operator} VIEW and OPERATE, {@code viewer} VIEW. One exception, by design: any user may
 * change their own password with {@code ModifyUserPassword}, whatever the role.
 */
public final class AccessPolicy {
  private static final Map<Role, Set<Privilege>> GRANTS = new EnumMap<>(Map.of(
      Role.ADMIN, EnumSet.allOf(Privilege.class),
      Role.OPERATOR, EnumSet.of(Privilege.VIEW, Privilege.OPERATE),
      Role.VIEWER, EnumSet.of(Privilege.VIEW)));

  static {
    if (!GRANTS.keySet().equals(EnumSet.allOf(Role.class))) {
      throw new ExceptionInInitializerError("every role needs a row in AccessPolicy.GRANTS");
    }
  }

  /** Returns whether {@code caller} may call {@code action} with {@code request}. */
  public boolean allows(Principal caller, Action action, ApiRequest request) {
    return GRANTS.get(caller.role()).contains(action.privilege())
        || isOwnPasswordChange(caller, request);
  }

  /**
   * Returns normally if {@code caller} may call {@code action} with {@code request}.
   *
   * @throws QsApiException PermissionDenied (1400) naming the role and the action otherwise
   */
  public void check(Principal caller, Action action, ApiRequest request) {
    if (!allows(caller, action, request)) {
      throw new QsApiException(RetCode.PERMISSION_DENIED, "role " + caller.role().wireName()
          + " may not call " + action.wireName());
    }
  }

  private static boolean isOwnPasswordChange(Principal caller, ApiRequest request) {
    return request instanceof ModifyUserPasswordRequest
        && caller.userId().equals(((ModifyUserPasswordRequest) request).userId());
  }
}
