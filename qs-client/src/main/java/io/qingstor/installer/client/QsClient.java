package io.qingstor.installer.client;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.Action;
import io.qingstor.installer.api.ApiRequest;
import io.qingstor.installer.api.ApiResponse;
import io.qingstor.installer.api.Credentials;
import io.qingstor.installer.api.JobFamily;
import io.qingstor.installer.api.JsonCodec;
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
import io.qingstor.installer.api.model.LogLine;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.ModifyUserPasswordRequest;
import io.qingstor.installer.api.model.NodeIdsResponse;
import io.qingstor.installer.api.model.ResetQingStorRequest;
import io.qingstor.installer.api.model.RemoveQingStorNodesRequest;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.api.model.UserIdResponse;
import io.qingstor.installer.client.internal.ActionInvoker;
import io.qingstor.installer.client.internal.HttpTransport;
import io.qingstor.installer.client.internal.JobWaiter;
import io.qingstor.installer.client.internal.LogFollower;
import io.qingstor.installer.client.internal.PasswordHash;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The Java SDK of the QingStor installer: one method per action, typed requests and responses,
 * errors thrown as {@link QsException}s, safe retries and job waiters.
 *
 * <p>Immutable and thread-safe: build one per endpoint and credentials with {@link #builder()}
 * and share it. Every action method throws {@link QsServiceException} when the server answers
 * with an error, {@link QsClientException} when no usable answer arrives (after the retries the
 * {@link RetryPolicy} allows, where retrying is safe), and {@link IllegalStateException} once
 * the client is closed.
 */
public final class QsClient implements AutoCloseable {
  private final QsClientBuilder settings;
  private final HttpTransport transport;
  private final ActionInvoker invoker;
  private final JobWaiter waiter;
  private final LogFollower follower;

  QsClient(QsClientBuilder settings) {
    this.settings = settings;
    boolean owned = settings.sharedHttpClient == null;
    OkHttpClient http = settings.newHttpClient();
    this.transport = new HttpTransport(http, owned,
        requireNonNull(HttpUrl.parse(settings.endpoint.toString()), "endpoint"));
    this.invoker = new ActionInvoker(new JsonCodec(),
        new Credentials(settings.userId, settings.passwordHash), transport,
        settings.retryPolicy, settings.sleeper, settings.clock, settings.jitter);
    int waitSeconds = LogFollower.waitSecondsWithin(http.readTimeoutMillis(),
        http.callTimeoutMillis());
    this.waiter = new JobWaiter(invoker, settings.clock, settings.sleeper, waitSeconds);
    this.follower = new LogFollower(invoker, waitSeconds);
  }

  /** A builder of a new client. */
  public static QsClientBuilder builder() {
    return new QsClientBuilder();
  }

  /**
   * A builder with this client's settings, for a variant (another user, other timeouts). A
   * shared OkHttp client stays shared; a client this one created is not reused.
   */
  public QsClientBuilder newBuilder() {
    return new QsClientBuilder(settings);
  }

  /** The URL requests are POSTed to. */
  public URI endpoint() {
    return settings.endpoint;
  }

  /** The {@code USER_ID} requests carry. */
  public String userId() {
    return settings.userId;
  }

  /** The TCP connect timeout in effect; zero means none. */
  public Duration connectTimeout() {
    return Duration.ofMillis(transport.client().connectTimeoutMillis());
  }

  /** The read timeout in effect; zero means none. */
  public Duration readTimeout() {
    return Duration.ofMillis(transport.client().readTimeoutMillis());
  }

  /** The timeout of one whole HTTP exchange in effect; zero means none. */
  public Duration callTimeout() {
    return Duration.ofMillis(transport.client().callTimeoutMillis());
  }

  /** How failed requests are retried. */
  public RetryPolicy retryPolicy() {
    return settings.retryPolicy;
  }

  /** The OkHttp client requests go through; for tests of the close contract. */
  OkHttpClient httpClient() {
    return transport.client();
  }

  /**
   * Calls any action of the catalogue; the typed methods below are this with the types filled in.
   *
   * @param <R> the action's response type ({@link Action#responseType()})
   * @throws IllegalArgumentException when the request is not of the action's request type
   * @throws ClassCastException at the call site when {@code R} is not the action's response type
   */
  @SuppressWarnings("unchecked")
  public <R extends ApiResponse> R call(Action action, ApiRequest request) {
    return (R) invoker.invoke(action, request);
  }

  /** Describes the platform: status, hosts, platform info ({@code DescribeQingStor}). */
  public DescribeQingStorResponse describeQingStor() {
    return invoker.invoke(Action.DESCRIBE_QINGSTOR, new DescribeQingStorRequest(),
        DescribeQingStorResponse.class);
  }

  /**
   * Submits the platform's config and starts a config job ({@code ConfigQingStor}). Retried
   * safely: every attempt carries the same {@code client_token}, generated when absent.
   *
   * @throws QsServiceException InvalidRequest listing every field error when the config is invalid
   */
  public ConfigQingStorResponse configQingStor(ConfigQingStorRequest request) {
    return invoker.invoke(Action.CONFIG_QINGSTOR, request, ConfigQingStorResponse.class);
  }

  /** The status of a config job, or of the latest one when {@code jobIdOrNull} is null. */
  public JobInfo getConfigQingStorStatus(String jobIdOrNull) {
    return invoker.invoke(Action.GET_CONFIG_QINGSTOR_STATUS, new JobStatusRequest(jobIdOrNull),
        JobInfo.class);
  }

  /** A page of a config job's log, by step ({@code GetConfigQingStorLog}). */
  public JobLogResponse getConfigQingStorLog(JobLogRequest request) {
    return invoker.invoke(Action.GET_CONFIG_QINGSTOR_LOG, request, JobLogResponse.class);
  }

  /**
   * Starts (or resumes) the deploy job ({@code DeployQingStor}). Retried safely with one
   * {@code client_token}.
   */
  public JobResponse deployQingStor(DeployQingStorRequest request) {
    return invoker.invoke(Action.DEPLOY_QINGSTOR, request, JobResponse.class);
  }

  /** Starts (or resumes at the failed step) the deploy job with no parameters. */
  public JobResponse deployQingStor() {
    return deployQingStor(new DeployQingStorRequest(null, null));
  }

  /** The status of a deploy or scale job, or of the latest one when {@code jobIdOrNull} is null. */
  public JobInfo getDeployQingStorStatus(String jobIdOrNull) {
    return invoker.invoke(Action.GET_DEPLOY_QINGSTOR_STATUS, new JobStatusRequest(jobIdOrNull),
        JobInfo.class);
  }

  /** A page of a deploy or scale job's log, by step ({@code GetDeployQingStorLog}). */
  public JobLogResponse getDeployQingStorLog(JobLogRequest request) {
    return invoker.invoke(Action.GET_DEPLOY_QINGSTOR_LOG, request, JobLogResponse.class);
  }

  /**
   * Starts the reset job ({@code ResetQingStor}, admin only): the plan's reset steps, then the
   * platform is {@code new} again with its nodes kept. {@code confirm} must be the platform's
   * {@code console_id} ({@link #describeQingStor()}). Follow it with
   * {@code waitUntilDeployed(jobId, options)} (a reset job belongs to the deploy family).
   */
  public JobResponse resetQingStor(String confirm) {
    return invoker.invoke(Action.RESET_QINGSTOR, new ResetQingStorRequest(confirm, null),
        JobResponse.class);
  }

  /** Starts a job adding access nodes with their VIPs ({@code ScaleQingStorAccess}). */
  public JobResponse scaleQingStorAccess(ScaleQingStorAccessRequest request) {
    return invoker.invoke(Action.SCALE_QINGSTOR_ACCESS, request, JobResponse.class);
  }

  /** Starts a job adding storage nodes or clusters ({@code ScaleQingStorStorage}). */
  public JobResponse scaleQingStorStorage(ScaleQingStorStorageRequest request) {
    return invoker.invoke(Action.SCALE_QINGSTOR_STORAGE, request, JobResponse.class);
  }

  /**
   * Starts a job draining storage nodes and taking them out of their clusters
   * ({@code RemoveQingStorStorageNodes}); {@code RemoveQingStorNodesRequest.of("n-6")}, or
   * {@code .forced()} for a node that cannot be reached.
   *
   * @throws QsServiceException PermissionDenied (1400) when a cluster would keep fewer nodes than
   *     its copies, a node is not a storage node of the platform or is unreachable without
   *     force; the message and {@code errors()} say which
   */
  public JobResponse removeQingStorStorageNodes(RemoveQingStorNodesRequest request) {
    return invoker.invoke(Action.REMOVE_QINGSTOR_STORAGE_NODES, request, JobResponse.class);
  }

  /**
   * Starts a job taking access nodes and their VIPs out ({@code RemoveQingStorAccessNodes}).
   *
   * @throws QsServiceException PermissionDenied (1400) for the last access node of a network, a
   *     node that is not an access node of the platform, or one unreachable without force
   */
  public JobResponse removeQingStorAccessNodes(RemoveQingStorNodesRequest request) {
    return invoker.invoke(Action.REMOVE_QINGSTOR_ACCESS_NODES, request, JobResponse.class);
  }

  /**
   * Creates a user whose {@code password} is already the SHA-256 hex ({@code CreateUser}).
   *
   * @throws IllegalArgumentException when the password is not 64 hex digits (a plain password
   *     goes to {@link #createUser(String, String, String)})
   */
  public UserIdResponse createUser(CreateUserRequest request) {
    requireNonNull(request, "request");
    String hash = PasswordHash.require(request.password(), "password");
    return invoker.invoke(Action.CREATE_USER,
        new CreateUserRequest(request.userId(), hash, request.role()), UserIdResponse.class);
  }

  /** Creates a user from a plain password, sent as its SHA-256; role admin, operator or viewer. */
  public UserIdResponse createUser(String userId, String plainPassword, String role) {
    return createUser(new CreateUserRequest(userId, PasswordHash.of(plainPassword), role));
  }

  /**
   * Returns the installed object store's S3 credentials and endpoints ({@code DescribeAccessKeys},
   * admin only). The answer holds secrets: keep it out of logs.
   */
  public DescribeAccessKeysResponse describeAccessKeys() {
    return invoker.invoke(Action.DESCRIBE_ACCESS_KEYS, new DescribeAccessKeysRequest(),
        DescribeAccessKeysResponse.class);
  }

  /** Lists the given users, or all of them ({@code DescribeUsers}). */
  public DescribeUsersResponse describeUsers(DescribeUsersRequest request) {
    return invoker.invoke(Action.DESCRIBE_USERS, request, DescribeUsersResponse.class);
  }

  /** Lists every user. */
  public DescribeUsersResponse describeUsers() {
    return describeUsers(new DescribeUsersRequest(null));
  }

  /**
   * Changes a password given as its SHA-256 hex ({@code ModifyUserPassword}).
   *
   * @throws IllegalArgumentException when the password is not 64 hex digits
   */
  public UserIdResponse modifyUserPassword(ModifyUserPasswordRequest request) {
    requireNonNull(request, "request");
    String hash = PasswordHash.require(request.password(), "password");
    return invoker.invoke(Action.MODIFY_USER_PASSWORD,
        new ModifyUserPasswordRequest(request.userId(), hash), UserIdResponse.class);
  }

  /** Changes a password given in plain text, sent as its SHA-256. */
  public UserIdResponse modifyUserPassword(String userId, String plainPassword) {
    return modifyUserPassword(new ModifyUserPasswordRequest(userId, PasswordHash.of(plainPassword)));
  }

  /** Deletes a user ({@code DeleteUser}). */
  public UserIdResponse deleteUser(String userId) {
    return invoker.invoke(Action.DELETE_USER, new DeleteUserRequest(userId), UserIdResponse.class);
  }

  /** Registers machines with their SSH credentials ({@code AddNodes}). */
  public NodeIdsResponse addNodes(AddNodesRequest request) {
    return invoker.invoke(Action.ADD_NODES, request, NodeIdsResponse.class);
  }

  /** Lists registered nodes, filtered by the request ({@code DescribeNodes}). */
  public DescribeNodesResponse describeNodes(DescribeNodesRequest request) {
    return invoker.invoke(Action.DESCRIBE_NODES, request, DescribeNodesResponse.class);
  }

  /** Lists every registered node. */
  public DescribeNodesResponse describeNodes() {
    return describeNodes(new DescribeNodesRequest(null, null));
  }

  /**
   * Changes registered nodes' address, SSH user, credentials or vars ({@code ModifyNodes}); a
   * changed address or {@code reset_host_key} makes the server forget the node's pinned host key.
   * Not retried: a lost answer may hide an applied change, so read it back with
   * {@link #describeNodes()}.
   *
   * @throws QsServiceException InvalidRequest naming each bad field, ResourceNotFound for an
   *     unknown node, ResourceBusy when an address changes while a job uses the node
   */
  public NodeIdsResponse modifyNodes(ModifyNodesRequest request) {
    return invoker.invoke(Action.MODIFY_NODES, request, NodeIdsResponse.class);
  }

  /** Unregisters nodes that are not part of the platform ({@code DeleteNodes}). */
  public NodeIdsResponse deleteNodes(DeleteNodesRequest request) {
    return invoker.invoke(Action.DELETE_NODES, request, NodeIdsResponse.class);
  }

  /** Starts a job collecting the nodes' hardware facts over SSH ({@code CollectNodes}). */
  public JobResponse collectNodes(CollectNodesRequest request) {
    return invoker.invoke(Action.COLLECT_NODES, request, JobResponse.class);
  }

  /** Lists jobs, newest first, filtered by the request ({@code DescribeJobs}). */
  public DescribeJobsResponse describeJobs(DescribeJobsRequest request) {
    return invoker.invoke(Action.DESCRIBE_JOBS, request, DescribeJobsResponse.class);
  }

  /** Lists the latest jobs. */
  public DescribeJobsResponse describeJobs() {
    return describeJobs(new DescribeJobsRequest(null, null, null, null));
  }

  /** Cancels a running job; it ends {@code failed} saying who cancelled it ({@code CancelJob}). */
  public JobResponse cancelJob(String jobId) {
    return invoker.invoke(Action.CANCEL_JOB, new CancelJobRequest(jobId), JobResponse.class);
  }

  /**
   * Returns the support bundle ({@code GetSupportBundle}, admin): a tar.gz of versions, server
   * options, state with every secret replaced, job records with their log tails and the server
   * log tail. Read-only, so retried like the Describe actions.
   *
   * @return the tar.gz bytes (decoded from the answer's base64)
   * @throws QsServiceException PermissionDenied for a user who is not an admin
   */
  public byte[] getSupportBundle() {
    String bundle = invoker.invoke(Action.GET_SUPPORT_BUNDLE, new GetSupportBundleRequest(),
        GetSupportBundleResponse.class).bundle();
    if (bundle == null) {
      throw new QsClientException("GetSupportBundle answered without a bundle", null, false);
    }
    return Base64.getDecoder().decode(bundle);
  }

  /**
   * Waits until a config job succeeds and returns its final status, polling
   * {@code GetConfigQingStorStatus} and reporting to the options' listener.
   *
   * @param jobId the job, or null for the latest config job
   * @throws QsJobFailedException when the job fails, with the failed step's last log lines
   * @throws QsWaitTimeoutException when the options' timeout expires first
   */
  public JobInfo waitUntilConfigured(String jobId, WaitOptions options) {
    return waiter.await(JobFamily.CONFIG, jobId, options);
  }

  /**
   * Waits until a deploy or scale job succeeds and returns its final status, polling
   * {@code GetDeployQingStorStatus} and reporting to the options' listener.
   *
   * @param jobId the job, or null for the latest job of the deploy family
   * @throws QsJobFailedException when the job fails, with the failed step's last log lines
   * @throws QsWaitTimeoutException when the options' timeout expires first
   */
  public JobInfo waitUntilDeployed(String jobId, WaitOptions options) {
    return waiter.await(JobFamily.DEPLOY, jobId, options);
  }

  /**
   * Waits until any job succeeds and returns its final status, polling {@code DescribeJobs}
   * with its id; the log of config, deploy and scale jobs is followed for the listener.
   *
   * @throws QsJobFailedException when the job fails
   * @throws QsWaitTimeoutException when the options' timeout expires first
   * @throws QsClientException when {@code DescribeJobs} does not list the job
   */
  public JobInfo waitUntilJobFinished(String jobId, WaitOptions options) {
    return waiter.awaitAny(jobId, options);
  }

  /**
   * Follows a job's log live until the job ends, handing each line to {@code consumer} once, in
   * step order, as it is written: every request is held by the server ({@code wait_seconds},
   * shorter than this client's read timeout) until a line arrives or the step or job ends, so
   * nothing polls. Works for config, deploy, scale and collect jobs.
   *
   * @return the job's final status ({@code successful} or {@code failed}; not thrown)
   * @throws QsClientException when {@code DescribeJobs} does not list the job
   */
  public JobInfo followLog(String jobId, Consumer<LogLine> consumer) {
    return follower.follow(jobId, consumer);
  }

  /**
   * Closes the client: later calls throw {@link IllegalStateException}. Shuts down the OkHttp
   * client only if this client created it; a shared one is left to its owner. Idempotent.
   */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "QsClient[endpoint=" + settings.endpoint + ", userId=" + settings.userId + "]";
  }
}
