package io.qingstor.installer.api;

import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.ConfigQingStorResponse;
import io.qingstor.installer.api.model.CreateUserRequest;
import io.qingstor.installer.api.model.DeleteNodesRequest;
import io.qingstor.installer.api.model.DeleteUserRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeAccessKeysRequest;
import io.qingstor.installer.api.model.DescribeAccessKeysResponse;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeJobsResponse;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.DescribeNodesResponse;
import io.qingstor.installer.api.model.DescribeQingStorRequest;
import io.qingstor.installer.api.model.DescribeQingStorResponse;
import io.qingstor.installer.api.model.DescribeUsersRequest;
import io.qingstor.installer.api.model.DescribeUsersResponse;
import io.qingstor.installer.api.model.GetSupportBundleRequest;
import io.qingstor.installer.api.model.GetSupportBundleResponse;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.api.model.JobStatusRequest;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.ModifyUserPasswordRequest;
import io.qingstor.installer.api.model.NodeIdsResponse;
import io.qingstor.installer.api.model.RemoveQingStorNodesRequest;
import io.qingstor.installer.api.model.ResetQingStorRequest;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.api.model.UserIdResponse;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The catalogue of actions: wire name, request type, response type and the privilege needed.
 * Server dispatch and the client both read it, so adding an action is one entry here.
 */
public enum Action {
  DESCRIBE_QINGSTOR("DescribeQingStor",
      DescribeQingStorRequest.class, DescribeQingStorResponse.class, Privilege.VIEW),
  CONFIG_QINGSTOR("ConfigQingStor",
      ConfigQingStorRequest.class, ConfigQingStorResponse.class, Privilege.OPERATE),
  GET_CONFIG_QINGSTOR_STATUS("GetConfigQingStorStatus",
      JobStatusRequest.class, JobInfo.class, Privilege.VIEW),
  GET_CONFIG_QINGSTOR_LOG("GetConfigQingStorLog",
      JobLogRequest.class, JobLogResponse.class, Privilege.VIEW),
  DEPLOY_QINGSTOR("DeployQingStor",
      DeployQingStorRequest.class, JobResponse.class, Privilege.OPERATE),
  GET_DEPLOY_QINGSTOR_STATUS("GetDeployQingStorStatus",
      JobStatusRequest.class, JobInfo.class, Privilege.VIEW),
  GET_DEPLOY_QINGSTOR_LOG("GetDeployQingStorLog",
      JobLogRequest.class, JobLogResponse.class, Privilege.VIEW),
  SCALE_QINGSTOR_ACCESS("ScaleQingStorAccess",
      ScaleQingStorAccessRequest.class, JobResponse.class, Privilege.OPERATE),
  SCALE_QINGSTOR_STORAGE("ScaleQingStorStorage",
      ScaleQingStorStorageRequest.class, JobResponse.class, Privilege.OPERATE),
  REMOVE_QINGSTOR_STORAGE_NODES("RemoveQingStorStorageNodes",
      RemoveQingStorNodesRequest.class, JobResponse.class, Privilege.OPERATE),
  REMOVE_QINGSTOR_ACCESS_NODES("RemoveQingStorAccessNodes",
      RemoveQingStorNodesRequest.class, JobResponse.class, Privilege.OPERATE),
  RESET_QINGSTOR("ResetQingStor",
      ResetQingStorRequest.class, JobResponse.class, Privilege.ADMIN),

  CREATE_USER("CreateUser", CreateUserRequest.class, UserIdResponse.class, Privilege.ADMIN),
  DESCRIBE_USERS("DescribeUsers",
      DescribeUsersRequest.class, DescribeUsersResponse.class, Privilege.ADMIN),
  MODIFY_USER_PASSWORD("ModifyUserPassword",
      ModifyUserPasswordRequest.class, UserIdResponse.class, Privilege.ADMIN),
  DELETE_USER("DeleteUser", DeleteUserRequest.class, UserIdResponse.class, Privilege.ADMIN),

  ADD_NODES("AddNodes", AddNodesRequest.class, NodeIdsResponse.class, Privilege.OPERATE),
  DESCRIBE_NODES("DescribeNodes",
      DescribeNodesRequest.class, DescribeNodesResponse.class, Privilege.VIEW),
  MODIFY_NODES("ModifyNodes", ModifyNodesRequest.class, NodeIdsResponse.class, Privilege.OPERATE),
  DELETE_NODES("DeleteNodes", DeleteNodesRequest.class, NodeIdsResponse.class, Privilege.OPERATE),
  COLLECT_NODES("CollectNodes", CollectNodesRequest.class, JobResponse.class, Privilege.OPERATE),

  DESCRIBE_JOBS("DescribeJobs",
      DescribeJobsRequest.class, DescribeJobsResponse.class, Privilege.VIEW),
  CANCEL_JOB("CancelJob", CancelJobRequest.class, JobResponse.class, Privilege.OPERATE),

  DESCRIBE_ACCESS_KEYS("DescribeAccessKeys",
      DescribeAccessKeysRequest.class, DescribeAccessKeysResponse.class, Privilege.ADMIN),
  GET_SUPPORT_BUNDLE("GetSupportBundle",
      GetSupportBundleRequest.class, GetSupportBundleResponse.class, Privilege.ADMIN);

  /** What a caller must be allowed to do to call an action. */
  public enum Privilege {
    /** Describe and Get actions: read-only, safe to retry. */
    VIEW,
    /** Config, deploy, scale, nodes and jobs. */
    OPERATE,
    /** User management, ResetQingStor, the object store's credentials and the support bundle. */
    ADMIN
  }

  private static final Map<String, Action> BY_WIRE_NAME =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(Action::wireName, Function.identity()));

  private final String wireName;
  private final Class<? extends ApiRequest> requestType;
  private final Class<? extends ApiResponse> responseType;
  private final Privilege privilege;

  Action(String wireName, Class<? extends ApiRequest> requestType,
      Class<? extends ApiResponse> responseType, Privilege privilege) {
    this.wireName = wireName;
    this.requestType = requestType;
    this.responseType = responseType;
    this.privilege = privilege;
  }

  /** The {@code action} value on the wire, e.g. {@code DescribeQingStor}. */
  public String wireName() {
    return wireName;
  }

  /** The {@code action} value of the response, e.g. {@code DescribeQingStorResponse}. */
  public String responseName() {
    return wireName + "Response";
  }

  public Class<? extends ApiRequest> requestType() {
    return requestType;
  }

  public Class<? extends ApiResponse> responseType() {
    return responseType;
  }

  public Privilege privilege() {
    return privilege;
  }

  /** True when calling the action changes nothing, so a client may retry it freely. */
  public boolean readOnly() {
    return privilege == Privilege.VIEW || this == DESCRIBE_USERS || this == DESCRIBE_ACCESS_KEYS
        || this == GET_SUPPORT_BUNDLE;
  }

  /** True when the request takes a {@code client_token} making retries safe. */
  public boolean acceptsClientToken() {
    return PlatformChanging.class.isAssignableFrom(requestType);
  }

  /** The action with this wire name, if any. */
  public static Optional<Action> fromWireName(String wireName) {
    return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
  }
}
