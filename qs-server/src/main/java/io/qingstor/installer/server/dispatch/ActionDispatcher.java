package io.qingstor.installer.server.dispatch;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiRequest;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.model.AccessKeyInfo;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.CreateUserRequest;
import io.qingstor.installer.api.model.DeleteNodesRequest;
import io.qingstor.installer.api.model.DeleteUserRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeAccessKeysRequest;
import io.qingstor.installer.api.model.DescribeAccessKeysResponse;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.DescribeQingStorRequest;
import io.qingstor.installer.api.model.DescribeUsersRequest;
import io.qingstor.installer.api.model.GetSupportBundleRequest;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobStatusRequest;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.ResetQingStorRequest;
import io.qingstor.installer.api.model.ModifyUserPasswordRequest;
import io.qingstor.installer.api.model.RemoveQingStorNodesRequest;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.core.QingStorCore;
import io.qingstor.installer.server.auth.Principal;
import io.qingstor.installer.server.support.ServerSupport;
import io.qingstor.installer.server.users.UserService;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The one dispatch table from {@link Action} to its handler: user actions go to the
 * {@link UserService}, every other action to {@link QingStorCore} with the caller's id as
 * {@code actor} (the core scopes {@code client_token}s by it). The log actions answer a {@link
 * HeldAnswer}, which may complete later ({@code wait_seconds}). The table must cover the whole
 * catalogue. Thread-safe.
 */
public final class ActionDispatcher {
  private final Map<Action, ActionHandler> handlers;

  /**
   * Creates a dispatcher over an explicit table.
   *
   * @throws IllegalArgumentException if the table misses an action of the catalogue
   */
  public ActionDispatcher(Map<Action, ActionHandler> handlers) {
    EnumSet<Action> missing = EnumSet.allOf(Action.class);
    missing.removeAll(handlers.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("no handler for " + missing);
    }
    this.handlers = Collections.unmodifiableMap(new EnumMap<>(handlers));
  }

  /** Returns the dispatcher of a server whose support bundle adds nothing of its own. */
  public static ActionDispatcher of(QingStorCore core, UserService users) {
    return of(core, users, null);
  }

  /**
   * Returns the dispatcher of the server: the core's actions and the user actions; the support
   * bundle gets {@code support}'s files and secrets (none when null).
   */
  public static ActionDispatcher of(QingStorCore core, UserService users, ServerSupport support) {
    requireNonNull(core, "core");
    requireNonNull(users, "users");
    Map<Action, ActionHandler> t = new EnumMap<>(Action.class);
    t.put(Action.DESCRIBE_QINGSTOR,
        typed(DescribeQingStorRequest.class, (r, p) -> core.describeQingStor()));
    t.put(Action.CONFIG_QINGSTOR,
        typed(ConfigQingStorRequest.class, (r, p) -> core.configQingStor(r, p.userId())));
    t.put(Action.GET_CONFIG_QINGSTOR_STATUS,
        typed(JobStatusRequest.class, (r, p) -> core.getConfigQingStorStatus(r.jobId())));
    t.put(Action.GET_CONFIG_QINGSTOR_LOG,
        typed(JobLogRequest.class, (r, p) -> new HeldAnswer(core.getConfigQingStorLogAsync(r))));
    t.put(Action.DEPLOY_QINGSTOR,
        typed(DeployQingStorRequest.class, (r, p) -> core.deployQingStor(r, p.userId())));
    t.put(Action.GET_DEPLOY_QINGSTOR_STATUS,
        typed(JobStatusRequest.class, (r, p) -> core.getDeployQingStorStatus(r.jobId())));
    t.put(Action.GET_DEPLOY_QINGSTOR_LOG,
        typed(JobLogRequest.class, (r, p) -> new HeldAnswer(core.getDeployQingStorLogAsync(r))));
    t.put(Action.SCALE_QINGSTOR_ACCESS, typed(ScaleQingStorAccessRequest.class,
        (r, p) -> core.scaleQingStorAccess(r, p.userId())));
    t.put(Action.SCALE_QINGSTOR_STORAGE, typed(ScaleQingStorStorageRequest.class,
        (r, p) -> core.scaleQingStorStorage(r, p.userId())));
    t.put(Action.REMOVE_QINGSTOR_STORAGE_NODES, typed(RemoveQingStorNodesRequest.class,
        (r, p) -> core.removeQingStorStorageNodes(r, p.userId())));
    t.put(Action.REMOVE_QINGSTOR_ACCESS_NODES, typed(RemoveQingStorNodesRequest.class,
        (r, p) -> core.removeQingStorAccessNodes(r, p.userId())));
    t.put(Action.CREATE_USER, typed(CreateUserRequest.class, (r, p) -> users.create(r)));
    t.put(Action.DESCRIBE_USERS, typed(DescribeUsersRequest.class, (r, p) -> users.describe(r)));
    t.put(Action.MODIFY_USER_PASSWORD,
        typed(ModifyUserPasswordRequest.class, (r, p) -> users.modifyPassword(r)));
    t.put(Action.DELETE_USER, typed(DeleteUserRequest.class, (r, p) -> users.delete(r)));
    t.put(Action.ADD_NODES, typed(AddNodesRequest.class, (r, p) -> core.addNodes(r)));
    t.put(Action.DESCRIBE_NODES,
        typed(DescribeNodesRequest.class, (r, p) -> core.describeNodes(r)));
    t.put(Action.MODIFY_NODES, typed(ModifyNodesRequest.class, (r, p) -> core.modifyNodes(r)));
    t.put(Action.DELETE_NODES, typed(DeleteNodesRequest.class, (r, p) -> core.deleteNodes(r)));
    t.put(Action.COLLECT_NODES,
        typed(CollectNodesRequest.class, (r, p) -> core.collectNodes(r, p.userId())));
    t.put(Action.DESCRIBE_JOBS, typed(DescribeJobsRequest.class, (r, p) -> core.describeJobs(r)));
    t.put(Action.RESET_QINGSTOR,
        typed(ResetQingStorRequest.class, (r, p) -> core.resetQingStor(r, p.userId())));
    t.put(Action.CANCEL_JOB,
        typed(CancelJobRequest.class, (r, p) -> core.cancelJob(r, p.userId())));
    t.put(Action.DESCRIBE_ACCESS_KEYS,
        typed(DescribeAccessKeysRequest.class, (r, p) -> describeAccessKeys(core)));
    t.put(Action.GET_SUPPORT_BUNDLE, typed(GetSupportBundleRequest.class,
        (r, p) -> support == null ? core.getSupportBundle(List.of(), List.of())
            : core.getSupportBundle(support.files(), support.secrets())));
    return new ActionDispatcher(t);
  }

  /**
   * Performs {@code action}.
   *
   * @throws io.qingstor.installer.api.QsApiException when the action fails with a ret_code
   */
  public ApiResponse dispatch(Action action, ApiRequest request, Principal caller) {
    return handlers.get(requireNonNull(action, "action")).handle(request, caller);
  }

  private static DescribeAccessKeysResponse describeAccessKeys(QingStorCore core) {
    return new DescribeAccessKeysResponse(core.accessKeys().stream()
        .map(key -> new AccessKeyInfo(key.accessKeyId(), key.secretKey(), key.endpoints()))
        .toList());
  }

  private static <R extends ApiRequest> ActionHandler typed(Class<R> type,
      BiFunction<R, Principal, ? extends ApiResponse> handler) {
    return (request, caller) -> handler.apply(type.cast(request), caller);
  }
}
