package io.qingstor.installer.core;

import static java.util.Objects.requireNonNull;

import io.qingstor.installer.api.JobFamily;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.WireTime;
import io.qingstor.installer.api.model.AddNodesRequest;
import io.qingstor.installer.api.model.CancelJobRequest;
import io.qingstor.installer.api.model.CollectNodesRequest;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.ConfigQingStorResponse;
import io.qingstor.installer.api.model.DeleteNodesRequest;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeJobsResponse;
import io.qingstor.installer.api.model.DescribeNodesRequest;
import io.qingstor.installer.api.model.DescribeNodesResponse;
import io.qingstor.installer.api.model.DescribeQingStorResponse;
import io.qingstor.installer.api.model.GetSupportBundleResponse;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.api.model.ModifyNodesRequest;
import io.qingstor.installer.api.model.NodeIdsResponse;
import io.qingstor.installer.api.model.NodeInfo;
import io.qingstor.installer.api.model.ResetQingStorRequest;
import io.qingstor.installer.api.model.RemoveQingStorNodesRequest;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.ansible.AnsiblePlaybook;
import io.qingstor.installer.core.engine.Engine;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.exec.HostKeyPins;
import io.qingstor.installer.core.exec.LazyNodeExecutor;
import io.qingstor.installer.core.exec.LocalExecutor;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.SshExecutor;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.state.FileStateStore;
import io.qingstor.installer.core.state.StateStore;
import io.qingstor.installer.core.support.SupportBundle;
import io.qingstor.installer.core.support.SupportFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The embeddable control plane: one method per platform, node and job action, taking and
 * returning the qs-api-model records. Thread-safe. Failures are {@link QsApiException}s carrying
 * the ret_code the wire protocol answers with. Build one with {@link #builder()}; close it to stop
 * its jobs (a running job ends {@code failed}, "interrupted by shutdown").
 *
 * <pre>{@code
 * try (QingStorCore core = QingStorCore.builder().dataDir(Path.of("qs-data")).build()) {
 *   core.addNodes(new AddNodesRequest(List.of(node)));
 *   String jobId = core.configQingStor(config, "admin").jobId();
 * }
 * }</pre>
 *
 * <p>{@code actor} arguments name who asks (the authenticated user); they are recorded on jobs,
 * scope {@code client_token}s and appear in "cancelled by" errors.
 */
public final class QingStorCore implements AutoCloseable {
  private final Engine engine;
  private final StateStore store;
  private final boolean ownsStore;
  private final List<NodeExecutor> ownedExecutors;
  private final Clock clock;
  private final Map<String, String> versions;

  private QingStorCore(Builder b) {
    this.ownsStore = b.store == null;
    this.store = ownsStore ? new FileStateStore(b.dataDir) : b.store;
    List<NodeExecutor> owned = new ArrayList<>();
    try {
      Path knownHosts = b.remote != null ? null : b.knownHosts();
      // The SSH client is made on the first remote command: a quarter of a cold start otherwise.
      NodeExecutor remote = b.remote != null ? b.remote : own(owned,
          new LazyNodeExecutor(() -> SshExecutor.builder().knownHostsFile(knownHosts)
              .strictHostKeys(b.strictHostKeys).build()));
      NodeExecutor local = b.local != null ? b.local : own(owned, new LocalExecutor());
      AnsiblePlaybook ansible = new AnsiblePlaybook(b.ansiblePlaybook,
          store.artifactsDirectory().resolveSibling("ansible-runs"), b.ansibleKnownHosts(store),
          local);
      this.engine = new Engine(store, b.plan, remote, local, b.clock, b.random, b.consoleId,
          b.installerVersion, b.hostKeyPins(), ansible);
    } catch (RuntimeException | Error e) {
      // A core that fails to start (a corrupt state file, say) leaves no thread or lock behind.
      owned.forEach(NodeExecutor::close);
      if (ownsStore) {
        store.close();
      }
      throw e;
    }
    this.ownedExecutors = List.copyOf(owned);
    this.clock = b.clock;
    this.versions = Map.of("installer", b.installerVersion, "plan", b.plan.version());
  }

  private static NodeExecutor own(List<NodeExecutor> owned, NodeExecutor executor) {
    owned.add(executor);
    return executor;
  }

  /** A builder with the embedded defaults: the {@code files} plan, SSH and local executors, UTC clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** The store this core keeps its state in (the server keeps its users there too). */
  public StateStore store() {
    return store;
  }

  /** DescribeQingStor: the platform, its hosts and a summary of its config. */
  public DescribeQingStorResponse describeQingStor() {
    return new DescribeQingStorResponse(engine.describe());
  }

  /**
   * ConfigQingStor: validates the config (every problem at once) and starts a config job.
   *
   * @throws QsApiException InvalidRequest with all field errors (nothing changes), ResourceBusy
   *     while a job runs, PermissionDenied when the platform's status forbids it
   */
  public ConfigQingStorResponse configQingStor(ConfigQingStorRequest request, String actor) {
    return engine.config(requireNonNull(request, "request"), actor);
  }

  /** GetConfigQingStorStatus: a config job's status, or the latest one's when jobId is null. */
  public JobInfo getConfigQingStorStatus(String jobId) {
    return engine.status(jobId, JobFamily.CONFIG);
  }

  /**
   * GetConfigQingStorLog: a config job's log by step, paged by line offset (or a collect job's,
   * named by its id). With {@code wait_seconds} the calling thread waits for news; servers use
   * {@link #getConfigQingStorLogAsync}.
   *
   * @throws QsApiException InvalidRequest naming a bad field, ResourceNotFound for an unknown job
   */
  public JobLogResponse getConfigQingStorLog(JobLogRequest request) {
    return join(getConfigQingStorLogAsync(request));
  }

  /**
   * GetConfigQingStorLog without holding a thread: the answer completes at once, or, with
   * {@code wait_seconds} and nothing new past {@code offset} in a running job, once a line
   * arrives, the step asked for or the job ends, or the time is up.
   *
   * @throws QsApiException at once, as {@link #getConfigQingStorLog}
   */
  public CompletableFuture<JobLogResponse> getConfigQingStorLogAsync(JobLogRequest request) {
    return engine.log(requireNonNull(request, "request"), JobFamily.CONFIG);
  }

  /**
   * DeployQingStor: deploys the configured platform; after a failed deploy it resumes at the
   * failed step unless {@code from_step} says where to start.
   */
  public JobResponse deployQingStor(DeployQingStorRequest request, String actor) {
    return new JobResponse(engine.deploy(request, actor));
  }

  /** GetDeployQingStorStatus: a deploy or scale job's status (latest of them when jobId is null). */
  public JobInfo getDeployQingStorStatus(String jobId) {
    return engine.status(jobId, JobFamily.DEPLOY);
  }

  /**
   * GetDeployQingStorLog: a deploy or scale job's log by step, paged by line offset (or a
   * collect job's, named by its id). With {@code wait_seconds} the calling thread waits for news.
   *
   * @throws QsApiException InvalidRequest naming a bad field, ResourceNotFound for an unknown job
   */
  public JobLogResponse getDeployQingStorLog(JobLogRequest request) {
    return join(getDeployQingStorLogAsync(request));
  }

  /**
   * GetDeployQingStorLog without holding a thread, as {@link #getConfigQingStorLogAsync}.
   *
   * @throws QsApiException at once, as {@link #getDeployQingStorLog}
   */
  public CompletableFuture<JobLogResponse> getDeployQingStorLogAsync(JobLogRequest request) {
    return engine.log(requireNonNull(request, "request"), JobFamily.DEPLOY);
  }

  /**
   * Answers every log request waiting for news now, and later ones at once: a server calls it
   * when it starts stopping, so that no client waits on a closing connection.
   */
  public void stopHoldingLogRequests() {
    engine.stopHoldingLogRequests();
  }

  private static JobLogResponse join(CompletableFuture<JobLogResponse> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** ScaleQingStorAccess: adds access nodes with their VIPs to a running platform. */
  public JobResponse scaleQingStorAccess(ScaleQingStorAccessRequest request, String actor) {
    return engine.scaleAccess(requireNonNull(request, "request"), actor);
  }

  /** ScaleQingStorStorage: extends storage clusters or adds the next one. */
  public JobResponse scaleQingStorStorage(ScaleQingStorStorageRequest request, String actor) {
    return engine.scaleStorage(requireNonNull(request, "request"), actor);
  }

  /**
   * RemoveQingStorStorageNodes: drains storage nodes and takes them out of their clusters
   * (the plan's {@code scale_in_storage} job), refused with PermissionDenied when a cluster
   * would keep fewer nodes than its copies; see docs/nodes.md.
   */
  public JobResponse removeQingStorStorageNodes(RemoveQingStorNodesRequest request,
      String actor) {
    return engine.removeNodes(JobType.SCALE_IN_STORAGE, requireNonNull(request, "request"),
        actor);
  }

  /**
   * RemoveQingStorAccessNodes: takes access nodes and their VIPs out (the plan's
   * {@code scale_in_access} job), refused with PermissionDenied for the last access node of a
   * network; see docs/nodes.md.
   */
  public JobResponse removeQingStorAccessNodes(RemoveQingStorNodesRequest request,
      String actor) {
    return engine.removeNodes(JobType.SCALE_IN_ACCESS, requireNonNull(request, "request"),
        actor);
  }

  /**
   * ResetQingStor: runs the plan's {@code reset} job on the current config's nodes; on success
   * the platform is {@code new} again with its nodes kept (config version cleared, generated
   * secrets forgotten, artifacts removed); on failure {@code reset_failed}, and Reset may run
   * again.
   *
   * @throws QsApiException PermissionDenied when {@code confirm} is not the console_id or the
   *     platform's status forbids it (new, or a job running: ResourceBusy)
   */
  public JobResponse resetQingStor(ResetQingStorRequest request, String actor) {
    return new JobResponse(engine.reset(requireNonNull(request, "request"), actor));
  }

  /** AddNodes: registers nodes (all or none); returns their ids in request order. */
  public NodeIdsResponse addNodes(AddNodesRequest request) {
    return new NodeIdsResponse(engine.addNodes(requireNonNull(request, "request").nodes()));
  }

  /** DescribeNodes: registered nodes without their credentials. */
  public DescribeNodesResponse describeNodes(DescribeNodesRequest request) {
    List<String> ids = IdLists.distinct(request.nodeIds(), "node_ids");
    java.util.Set<String> wanted = ids == null ? null : java.util.Set.copyOf(ids);
    List<NodeInfo> nodes = engine.nodes().stream()
        .filter(n -> wanted == null || wanted.contains(n.nodeId()))
        .filter(n -> request.status() == null
            || n.status().name().equalsIgnoreCase(request.status()))
        .map(n -> new NodeInfo(n.nodeId(), n.ip(), n.sshPort(), n.sshUser(),
            n.sshKey() != null ? "key" : "password", n.vars(), n.status().name().toLowerCase(),
            engine.rolesOf(n.nodeId()), n.facts(), WireTime.format(n.createTime()),
            WireTime.format(n.updateTime()),
            n.failure() == null ? null : n.failure().reason().wireName(),
            n.failure() == null ? null : n.failure().hint(),
            n.failedIn() == null ? null : n.failedIn().wire()))
        .collect(Collectors.toList());
    return new DescribeNodesResponse(nodes, nodes.size());
  }

  /**
   * ModifyNodes: changes registered nodes' address, SSH user, credentials or vars (all or none);
   * returns their ids in request order. A changed address or {@code reset_host_key} forgets the
   * pinned host key. The next command on the node uses the new values.
   *
   * @throws QsApiException InvalidRequest listing every problem, ResourceNotFound for an
   *     unregistered node, ResourceBusy when an address would change under a running job
   */
  public NodeIdsResponse modifyNodes(ModifyNodesRequest request) {
    return new NodeIdsResponse(engine.modifyNodes(requireNonNull(request, "request").nodes()));
  }

  /** DeleteNodes: unregisters nodes that are not part of the platform. */
  public NodeIdsResponse deleteNodes(DeleteNodesRequest request) {
    return new NodeIdsResponse(engine.deleteNodes(
        IdLists.distinct(requireNonNull(request, "request").nodeIds(), "node_ids")));
  }

  /** CollectNodes: starts a job gathering hardware facts over SSH (beside platform jobs). */
  public JobResponse collectNodes(CollectNodesRequest request, String actor) {
    return new JobResponse(engine.collect(IdLists.distinct(request.nodeIds(), "node_ids"), actor));
  }

  /** DescribeJobs: jobs newest first, filtered. */
  public DescribeJobsResponse describeJobs(DescribeJobsRequest request) {
    requireNonNull(request, "request");
    return engine.describeJobs(new DescribeJobsRequest(IdLists.distinct(request.jobIds(),
        "job_ids"), request.jobType(), request.status(), request.limit()));
  }

  /** CancelJob: stops a running job; it ends failed with "cancelled by {actor}". */
  public JobResponse cancelJob(CancelJobRequest request, String actor) {
    return new JobResponse(engine.cancel(requireNonNull(request, "request").jobId(), actor));
  }

  /**
   * The S3 credentials the plan's {@code access_keys} declare (what DescribeAccessKeys answers):
   * id, generated secret key, and {@code http://<access VIP>:<port>} endpoints from the current
   * config. Empty until the first platform job generated the plan's secrets.
   */
  public List<AccessKey> accessKeys() {
    return engine.accessKeys();
  }

  /**
   * GetSupportBundle: a tar.gz (base64) of what a bug report needs: versions, the state with
   * every secret replaced, each job's record and the last lines of its step logs, and
   * {@code extras} (the server adds its options and log tail); see {@link SupportBundle}.
   *
   * @param extraSecrets secrets only the caller knows, replaced wherever they appear
   */
  public GetSupportBundleResponse getSupportBundle(List<SupportFile> extras,
      Collection<String> extraSecrets) {
    byte[] bundle = new SupportBundle(store).build(versions, extras, extraSecrets,
        clock.instant());
    return new GetSupportBundleResponse(Base64.getEncoder().encodeToString(bundle));
  }

  /** Waits until no job runs; true when that happened within {@code timeout}. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return engine.awaitIdle(timeout);
  }

  /** The accepted config with this version, for tools that render or inspect it. */
  public java.util.Optional<PlatformConfig> config(int version) {
    return store.loadConfig(version);
  }

  /** Stops running jobs (they end failed, "interrupted by shutdown") and releases what it opened. */
  @Override
  public void close() {
    engine.close();
    ownedExecutors.forEach(NodeExecutor::close);
    if (ownsStore) {
      store.close();
    }
  }

  /** Builds a {@link QingStorCore}; every setting is optional but a data directory or a store. */
  public static final class Builder {
    private Path dataDir;
    private StateStore store;
    private Path knownHosts;
    private boolean strictHostKeys;
    private Plan plan;
    private NodeExecutor remote;
    private NodeExecutor local;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private String consoleId = "qingstor";
    private String installerVersion = Version.INSTALLER;
    private String ansiblePlaybook = "ansible-playbook";

    private Builder() {}

    /** The embedded store's data directory (created 0700 if missing). */
    public Builder dataDir(Path dir) {
      this.dataDir = requireNonNull(dir, "dataDir");
      return this;
    }

    /** Another store instead of the data directory; the caller closes it. */
    public Builder store(StateStore stateStore) {
      this.store = requireNonNull(stateStore, "store");
      return this;
    }

    /** Where the SSH executor records host keys (default: {@code <data>/known_hosts}). */
    public Builder knownHosts(Path file) {
      this.knownHosts = requireNonNull(file, "knownHosts");
      return this;
    }

    /**
     * Whether the SSH executor refuses hosts whose key is neither pinned (AddNodes
     * {@code host_key}) nor in its known_hosts file (default false: the first key is recorded).
     * Ignored with {@link #remoteExecutor}.
     */
    public Builder strictHostKeys(boolean strict) {
      this.strictHostKeys = strict;
      return this;
    }

    /** The plan (default: the built-in plan {@code files}, {@link PlanLoader#reference()}). */
    public Builder plan(Plan p) {
      this.plan = requireNonNull(p, "plan");
      return this;
    }

    /**
     * The plan by name or path, as {@code --plan} takes it ({@link PlanLoader#named}): a
     * built-in plan's name ({@code files}, {@code swift}), or a path (containing a {@code /})
     * to a plan directory or its {@code plan.yml}.
     *
     * @throws io.qingstor.installer.core.plan.PlanException when it does not load, naming the
     *     file, step and key
     */
    public Builder plan(String nameOrPath) {
      this.plan = PlanLoader.named(requireNonNull(nameOrPath, "plan"));
      return this;
    }

    /**
     * The {@code ansible-playbook} that {@code playbook} steps run: a path, or a name looked up
     * on PATH (the default, {@code ansible-playbook}).
     */
    public Builder ansiblePlaybook(String command) {
      this.ansiblePlaybook = requireNonNull(command, "ansiblePlaybook");
      return this;
    }

    /** The executor for nodes (default: SSH); the caller closes it. */
    public Builder remoteExecutor(NodeExecutor executor) {
      this.remote = requireNonNull(executor, "remoteExecutor");
      return this;
    }

    /** The executor for firstbox steps (default: local shell); the caller closes it. */
    public Builder localExecutor(NodeExecutor executor) {
      this.local = requireNonNull(executor, "localExecutor");
      return this;
    }

    /** The clock for job and node timestamps (default: UTC system clock). */
    public Builder clock(Clock c) {
      this.clock = requireNonNull(c, "clock");
      return this;
    }

    /** The source of job and node ids (default: a new SecureRandom). */
    public Builder random(SecureRandom r) {
      this.random = requireNonNull(r, "random");
      return this;
    }

    /** The {@code console_id} DescribeQingStor shows. */
    public Builder consoleId(String id) {
      this.consoleId = requireNonNull(id, "consoleId");
      return this;
    }

    /** The {@code installer_version} DescribeQingStor shows. */
    public Builder installerVersion(String version) {
      this.installerVersion = requireNonNull(version, "installerVersion");
      return this;
    }

    /**
     * Opens the store, recovers from any crash (interrupted jobs end failed) and returns the core.
     *
     * @throws IllegalStateException when neither a data directory nor a store was given
     */
    public QingStorCore build() {
      if (dataDir == null && store == null) {
        throw new IllegalStateException("set dataDir or store");
      }
      if (plan == null) {
        plan = PlanLoader.reference();
      }
      return new QingStorCore(this);
    }

    /**
     * The pins ModifyNodes forgets: the known_hosts file of the SSH executor when the core knows
     * it (its own executor, or {@link #knownHosts} set), else none.
     */
    private HostKeyPins hostKeyPins() {
      if (knownHosts == null && (remote != null || dataDir == null)) {
        return HostKeyPins.NONE;
      }
      return HostKeyPins.knownHostsFile(knownHosts());
    }

    /** The known-hosts file Ansible checks hosts against: the SSH executor's, or beside the state. */
    private Path ansibleKnownHosts(StateStore opened) {
      if (knownHosts != null) {
        return knownHosts;
      }
      return dataDir != null ? dataDir.resolve("known_hosts")
          : opened.artifactsDirectory().resolveSibling("known_hosts");
    }

    private Path knownHosts() {
      if (knownHosts != null) {
        return knownHosts;
      }
      if (dataDir == null) {
        throw new IllegalStateException("with a custom store, set knownHosts or remoteExecutor");
      }
      return dataDir.resolve("known_hosts");
    }
  }
}
