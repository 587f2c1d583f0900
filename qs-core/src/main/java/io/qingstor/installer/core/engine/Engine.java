package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.FieldError;
import io.qingstor.installer.api.JobFamily;
import io.qingstor.installer.api.QsApiException;
import io.qingstor.installer.api.RetCode;
import io.qingstor.installer.api.model.ConfigQingStorRequest;
import io.qingstor.installer.api.model.ConfigQingStorResponse;
import io.qingstor.installer.api.model.DeployQingStorRequest;
import io.qingstor.installer.api.model.DescribeJobsRequest;
import io.qingstor.installer.api.model.DescribeJobsResponse;
import io.qingstor.installer.api.model.JobInfo;
import io.qingstor.installer.api.model.JobLogRequest;
import io.qingstor.installer.api.model.JobLogResponse;
import io.qingstor.installer.api.model.JobResponse;
import io.qingstor.installer.api.model.NodeModification;
import io.qingstor.installer.api.model.NodeRef;
import io.qingstor.installer.api.model.NodeSpec;
import io.qingstor.installer.api.model.QingStorInfo;
import io.qingstor.installer.api.model.RemoveQingStorNodesRequest;
import io.qingstor.installer.api.model.ResetQingStorRequest;
import io.qingstor.installer.api.model.ScaleQingStorAccessRequest;
import io.qingstor.installer.api.model.ScaleQingStorStorageRequest;
import io.qingstor.installer.core.AccessKey;
import io.qingstor.installer.core.ansible.AnsiblePlaybook;
import io.qingstor.installer.core.config.ConfigCheck;
import io.qingstor.installer.core.config.ConfigValidator;
import io.qingstor.installer.core.config.NodeRemovalRules;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.exec.HostKey;
import io.qingstor.installer.core.exec.HostKeyPins;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.PlatformRecord;
import io.qingstor.installer.core.state.StateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The wiring behind {@link io.qingstor.installer.core.QingStorCore}: validation before jobs,
 * the job engine, the inventory and the read-only views. Internal: use QingStorCore.
 */
public final class Engine implements AutoCloseable {
  private final StateStore store;
  private final Plan plan;
  private final NodeInventory inventory;
  private final JobEngine jobs;
  private final JobViews views;
  private final StatusViews statuses;
  private final LogWaits logWaits = new LogWaits();
  private final DryRuns dryRuns;
  private final PlatformView platformView;
  private final ConfigValidator validator = new ConfigValidator();
  private final PlatformSecrets secrets;
  private final String consoleId;
  private final Clock clock;
  private final HostKeyPins hostKeys;
  private final ConfigVersions configs;

  /** Opens the engine on a store and recovers from any crash. */
  public Engine(StateStore stateStore, Plan plan, NodeExecutor remote, NodeExecutor local,
      Clock clock, SecureRandom random, String consoleId, String installerVersion,
      HostKeyPins hostKeys, AnsiblePlaybook ansible) {
    this.store = stateStore;
    this.plan = plan;
    this.clock = clock;
    this.hostKeys = hostKeys;
    this.configs = new ConfigVersions(store);
    this.inventory = new NodeInventory(store, clock, random);
    this.secrets = new PlatformSecrets(store, plan.secrets(), random, this::scrubbedPasswords);
    JobLedgers ledgers = new JobLedgers(clock);
    JobSteps steps = new JobSteps(store, configs, inventory, remote, local, clock, plan,
        secrets, logWaits::signal, ledgers, ansible);
    this.jobs = new JobEngine(store, plan, clock, random, inventory, steps, secrets,
        logWaits::signal, ledgers);
    this.views = new JobViews(jobs, store, logWaits);
    this.statuses = new StatusViews(jobs::jobsNewestFirst, plan, configs, clock);
    this.dryRuns = new DryRuns(plan, inventory);
    this.platformView = new PlatformView(consoleId, installerVersion, plan);
    this.consoleId = consoleId;
  }

  /** The platform as DescribeQingStor shows it. */
  public QingStorInfo describe() {
    PlatformRecord platform = jobs.platform();
    return platformView.describe(platform, currentConfig(platform), inventory);
  }

  /**
   * The nodes' become passwords and the configs' ansible_ssh_pass (firstbox scripts see it),
   * which logs must never show.
   */
  private List<String> scrubbedPasswords() {
    List<String> passwords = new ArrayList<>(configs.ansibleSshPasswords());
    inventory.all().stream().map(NodeRecord::becomePassword)
        .filter(java.util.Objects::nonNull).forEach(passwords::add);
    return passwords;
  }

  /** The plan's access keys, resolved; see {@link AccessKeys#resolve}. */
  public List<AccessKey> accessKeys() {
    return AccessKeys.resolve(plan, secrets.values(), currentConfig(jobs.platform()));
  }

  /** Validates a config, registers the nodes it names by IP, and starts its config job. */
  public ConfigQingStorResponse config(ConfigQingStorRequest request, String actor) {
    if (request.isDryRun()) {
      return jobs.exclusive(() -> {
        jobs.checkAdmits(JobType.CONFIG);
        ConfigCheck check = validator.validateConfig(request.normalized(), inventory);
        requireOk(check, "config");
        return new ConfigQingStorResponse(null, check.warnings(), dryRuns.forConfig(check,
            currentConfig(jobs.platform()), request.normalized().qsConf().ansibleSshPass()));
      });
    }
    List<FieldError> warnings = new ArrayList<>();
    JobRecord job = jobs.startPlatformJob(JobType.CONFIG, actor, request.clientToken(),
        platform -> {
          ConfigCheck check = validator.validateConfig(request.normalized(), inventory);
          requireOk(check, "config");
          warnings.addAll(check.warnings());
          Registered config = register(check, request.normalized().qsConf().ansibleSshPass());
          int version = nextConfigVersion(platform);
          configs.save(version, config.config());
          return new PreparedJob(version, List.of(), 0, null, check.warnings(), config.join());
        });
    return new ConfigQingStorResponse(job.jobId(), warnings);
  }

  /** Starts a deploy: at {@code from_step}, else where the last failed deploy stopped. */
  public String deploy(DeployQingStorRequest request, String actor) {
    return jobs.startPlatformJob(JobType.DEPLOY, actor, request.clientToken(), platform -> {
      if (request.planToken() != null) {
        PlanToken.parse(request.planToken()).requireUnchanged(dryRuns.tokenOf(
            currentConfig(platform).orElseThrow(), List.of(), null), "DeployQingStor");
      }
      if (request.fromStep() != null) {
        return new PreparedJob(platform.configVersion(), List.of(), request.fromStep(), null,
            List.of());
      }
      Optional<JobRecord> failed = jobs.lastFailed(JobType.DEPLOY)
          .filter(j -> j.failedStep() >= 0);
      return new PreparedJob(platform.configVersion(), List.of(),
          failed.map(JobRecord::failedStep).orElse(0), failed.map(JobRecord::jobId).orElse(null),
          List.of());
    }).jobId();
  }

  /**
   * Starts a reset: the plan's reset steps on the current config's nodes; on success the
   * platform is new again (nodes kept, config version cleared, plan secrets and artifacts gone).
   */
  public String reset(ResetQingStorRequest request, String actor) {
    if (!consoleId.equals(request.confirm())) {
      throw new QsApiException(RetCode.PERMISSION_DENIED, "confirm must be the platform's"
          + " console_id (DescribeQingStor shows it); nothing was changed");
    }
    return jobs.startPlatformJob(JobType.RESET, actor, request.clientToken(),
        platform -> new PreparedJob(platform.configVersion(), List.of(), 0, null, List.of()))
        .jobId();
  }

  /**
   * Validates an access scale-out against the deployed config and starts its job, or answers
   * its plan ({@code dry_run}).
   */
  public JobResponse scaleAccess(ScaleQingStorAccessRequest request, String actor) {
    return scale(JobType.SCALE_ACCESS, actor, new ScaleOptions(request.clientToken(),
        request.isDryRun(), request.planToken()),
        deployed -> validator.validateScaleAccess(request, deployed, inventory), "node_ids");
  }

  /**
   * Validates a storage scale-out against the deployed config and starts its job, or answers
   * its plan ({@code dry_run}).
   */
  public JobResponse scaleStorage(ScaleQingStorStorageRequest request, String actor) {
    return scale(JobType.SCALE_STORAGE, actor, new ScaleOptions(request.clientToken(),
        request.isDryRun(), request.planToken()),
        deployed -> validator.validateScaleStorage(request, deployed, inventory), "storage_nodes");
  }

  /**
   * Takes storage or access nodes out of the running platform ({@code type} scale_in_storage or
   * scale_in_access) through the plan's scale-in job, once the ok-to-remove gate holds; or
   * answers its plan ({@code dry_run}). The job works on the config without the nodes, which
   * becomes the platform's when it succeeds.
   *
   * @throws QsApiException InvalidRequest for a malformed list, PermissionDenied when the gate
   *     refuses or the plan has no such job, ResourceBusy while another job runs
   */
  public JobResponse removeNodes(JobType type, RemoveQingStorNodesRequest request, String actor) {
    NodeRemovalRules rules = new NodeRemovalRules(plan.ecWidths());
    Function<PlatformConfig, NodeRemovalRules.Removal> gate = deployed -> {
      if (plan.steps(type).isEmpty()) {
        throw new QsApiException(RetCode.PERMISSION_DENIED, "the plan " + plan.name()
            + " has no " + type.wireName() + " job, so it cannot take nodes out; nothing was"
            + " changed");
      }
      Set<String> unreachable = inventory.all().stream()
          .filter(n -> n.status() == NodeRecord.NodeStatus.UNREACHABLE)
          .map(NodeRecord::nodeId).collect(Collectors.toSet());
      List<NodeRef> refs = byId(request.nodeIds());
      return type == JobType.SCALE_IN_STORAGE
          ? rules.removeStorage(refs, deployed, unreachable, request.isForced())
          : rules.removeAccess(refs, deployed, unreachable, request.isForced());
    };
    if (request.isDryRun()) {
      return jobs.exclusive(() -> {
        jobs.checkAdmits(type);
        PlatformConfig deployed = currentConfig(jobs.platform()).orElseThrow();
        NodeRemovalRules.Removal removal = gate.apply(deployed);
        return new JobResponse(null, dryRuns.forScaleIn(type, removal, deployed,
            request.isForced()));
      });
    }
    return new JobResponse(jobs.startPlatformJob(type, actor, request.clientToken(), platform -> {
      PlatformConfig deployed = currentConfig(platform).orElseThrow();
      NodeRemovalRules.Removal removal = gate.apply(deployed);
      if (request.planToken() != null) {
        PlanToken.parse(request.planToken()).requireUnchanged(
            dryRuns.scaleInTokenOf(removal, request.isForced()), JobEngine.actionName(type));
      }
      return resumable(type, platform, removal.config(), removal.nodeIds(), request.isForced(),
          List.of(), null);
    }).jobId());
  }

  /** The references with each registered node's IP replaced by its id, as a config names them. */
  private List<NodeRef> byId(List<NodeRef> refs) {
    if (refs == null) {
      return null;
    }
    return refs.stream().map(ref -> inventory.get(ref.nodeId()).isPresent() ? ref
        : inventory.byIp(ref.nodeId()).map(n -> NodeRef.of(n.nodeId())).orElse(ref)).toList();
  }

  /** What a scale request says beside its nodes. */
  private record ScaleOptions(String clientToken, boolean dryRun, String planToken) {}

  private JobResponse scale(JobType type, String actor, ScaleOptions options,
      Function<PlatformConfig, ConfigCheck> validate, String what) {
    if (options.dryRun()) {
      return jobs.exclusive(() -> {
        jobs.checkAdmits(type);
        PlatformConfig deployed = currentConfig(jobs.platform()).orElseThrow();
        ConfigCheck check = validate.apply(deployed);
        requireOk(check, what);
        return new JobResponse(null, dryRuns.forScale(type, check, deployed,
            deployed.qsConf().ansibleSshPass()));
      });
    }
    return new JobResponse(jobs.startPlatformJob(type, actor, options.clientToken(), platform -> {
      PlatformConfig deployed = currentConfig(platform).orElseThrow();
      ConfigCheck check = validate.apply(deployed);
      requireOk(check, what);
      if (options.planToken() != null) {
        PlanToken.parse(options.planToken()).requireUnchanged(dryRuns.tokenOf(check.config(),
            check.ipsToRegister(), deployed.qsConf().ansibleSshPass()), JobEngine.actionName(type));
      }
      Registered registered = register(check, deployed.qsConf().ansibleSshPass());
      PlatformConfig candidate = registered.config();
      List<String> added = new NodeRoles(candidate).gainedSince(new NodeRoles(deployed));
      return resumable(type, platform, candidate, added, false, check.warnings(),
          registered.join());
    }).jobId());
  }

  /**
   * A scale or scale-in job on {@code config}, saved as the platform's next config version; it
   * resumes, from its failed step, the last failed job of {@code type} on the same nodes (and
   * the same {@code force}).
   */
  private PreparedJob resumable(JobType type, PlatformRecord platform, PlatformConfig config,
      List<String> nodes, boolean force, List<FieldError> warnings, Runnable onSaved) {
    Optional<JobRecord> failed = jobs.lastFailed(type)
        .filter(j -> j.newNodes().equals(nodes) && j.force() == force);
    int first = failed.map(JobRecord::failedStep).filter(i -> i >= 0).orElse(0);
    int version = nextConfigVersion(platform);
    configs.save(version, config);
    return new PreparedJob(version, nodes, first, failed.map(JobRecord::jobId).orElse(null),
        warnings, onSaved, force);
  }

  /** One job of the family; 2100 when there is none with that id. */
  public JobInfo status(String jobId, JobFamily family) {
    return statuses.status(views.find(jobId, family));
  }

  /**
   * A page of a job's step logs, answered once there is news when the request has {@code
   * wait_seconds}; invalid fields and unknown jobs throw at once.
   */
  public CompletableFuture<JobLogResponse> log(JobLogRequest request, JobFamily family) {
    return views.log(request, family);
  }

  /** Answers every held log request now, and later ones at once (the server is stopping). */
  public void stopHoldingLogRequests() {
    logWaits.close();
  }

  /** Jobs newest first, filtered and paged as the request says. */
  public DescribeJobsResponse describeJobs(DescribeJobsRequest request) {
    return views.describe(request);
  }

  /** Asks a running job to stop; returns its id. */
  public String cancel(String jobId, String actor) {
    if (jobId == null) {
      throw QsApiException.invalidField("job_id", "missing parameter");
    }
    return jobs.cancel(jobId, actor).jobId();
  }

  /**
   * Registers nodes and pins the host keys they give; returns their ids in request order. The
   * keys are pinned before anything connects to the nodes: no job can name them until this
   * returns.
   */
  public List<String> addNodes(List<NodeSpec> specs) {
    return jobs.exclusive(() -> {
      requirePinsKept(specs);
      List<String> ids = inventory.add(specs);
      for (NodeSpec spec : specs) {
        if (spec.hostKey() != null) {
          hostKeys.pin(spec.ip(), spec.sshPort() == null ? 22 : spec.sshPort(),
              HostKey.parse(spec.hostKey()));
        }
      }
      return ids;
    });
  }

  private void requirePinsKept(List<NodeSpec> specs) {
    if (hostKeys.keepsPins() || specs == null) {
      return;
    }
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i) != null && specs.get(i).hostKey() != null) {
        throw QsApiException.invalidField("nodes[" + i + "].host_key", "this installer does not"
            + " keep host keys (its SSH executor is an embedder's own): pin the key there");
      }
    }
  }

  /**
   * Changes nodes' address, credentials or vars, all or none; a changed address or a
   * {@code reset_host_key} forgets the node's pinned host key (the old and the new address's).
   * Credentials and vars may change at any time, the next command uses them; an address only
   * while no job uses the node.
   *
   * @throws QsApiException InvalidRequest listing every problem, ResourceNotFound for an
   *     unregistered node, ResourceBusy when an address changes under a running job
   */
  public List<String> modifyNodes(List<NodeModification> modifications) {
    return jobs.exclusive(() ->
        // Held by the inventory too: facts a collect job saves meanwhile must not be undone.
        inventory.modify(() -> modify(modifications)));
  }

  private List<String> modify(List<NodeModification> modifications) {
    List<NodeChanges.Change> changes = NodeChanges.plan(modifications, inventory,
        clock.instant());
    for (NodeChanges.Change change : changes) {
      String id = change.after().nodeId();
      Optional<JobRecord> user = change.addressChanged() ? activeJobUsing(id) : Optional.empty();
      if (user.isPresent()) {
        throw new QsApiException(RetCode.RESOURCE_BUSY, "node " + id + " is used by running job "
            + user.get().jobId() + "; change its address once the job ends (credentials and"
            + " vars may change now); nothing was changed");
      }
    }
    inventory.update(changes.stream().map(NodeChanges.Change::after).toList());
    for (NodeChanges.Change change : changes) {
      if (change.forgetHostKey()) {
        hostKeys.forget(change.before().ip(), change.before().sshPort());
        hostKeys.forget(change.after().ip(), change.after().sshPort());
      }
    }
    return changes.stream().map(c -> c.after().nodeId()).toList();
  }

  /** A job that is not over and runs commands on the node. */
  private Optional<JobRecord> activeJobUsing(String nodeId) {
    return jobs.jobsNewestFirst().stream().filter(JobRecord::active)
        .filter(j -> j.newNodes().contains(nodeId) || (j.type().platformChanging()
            && configs.find(j.configVersion())
                .map(c -> new NodeRoles(c).allNodes().contains(nodeId)).orElse(false)))
        .findFirst();
  }

  /** Every registered node. */
  public List<NodeRecord> nodes() {
    return inventory.all();
  }

  /** The roles a node has in the current config. */
  public List<String> rolesOf(String nodeId) {
    return currentConfig(jobs.platform()).map(c -> new NodeRoles(c).rolesOf(nodeId))
        .orElse(List.of());
  }

  /** Forgets nodes that no config or active job uses; returns the ids deleted. */
  public List<String> deleteNodes(List<String> nodeIds) {
    return jobs.exclusive(() -> {
      Set<String> inPlatform = new HashSet<>();
      currentConfig(jobs.platform()).ifPresent(c -> inPlatform.addAll(new NodeRoles(c).allNodes()));
      jobs.jobsNewestFirst().stream().filter(JobRecord::active)
          .forEach(j -> inPlatform.addAll(j.newNodes()));
      return inventory.delete(nodeIds, inPlatform);
    });
  }

  /** Starts a facts collection on the given nodes, or on every node when none is given. */
  public String collect(List<String> nodeIds, String actor) {
    return jobs.exclusive(() -> {
      List<String> targets = nodeIds == null || nodeIds.isEmpty()
          ? inventory.all().stream().map(NodeRecord::nodeId).toList() : nodeIds;
      if (targets.isEmpty()) {
        throw QsApiException.invalidField("node_ids", "no node is registered yet; use AddNodes");
      }
      targets.forEach(inventory::require);
      return jobs.startCollectJob(actor, targets).jobId();
    });
  }

  /** Waits until no job runs; false when the timeout passed first. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return jobs.awaitIdle(timeout);
  }

  @Override
  public void close() {
    jobs.close();
    logWaits.close();
  }

  /** A config whose nodes named by IP are registered, and how they join the inventory. */
  private record Registered(PlatformConfig config, Runnable join) {}

  private Registered register(ConfigCheck check, String password) {
    if (check.ipsToRegister().isEmpty()) {
      return new Registered(check.config(), () -> { });
    }
    NodeInventory.IpRegistration registered = inventory.registerIps(check.ipsToRegister(),
        password);
    return new Registered(check.config().withNodeIdsReplaced(registered.idOfIp()),
        registered.join());
  }

  private int nextConfigVersion(PlatformRecord platform) {
    return jobs.jobsNewestFirst().stream().mapToInt(JobRecord::configVersion)
        .reduce(platform.configVersion(), Math::max) + 1;
  }

  private Optional<PlatformConfig> currentConfig(PlatformRecord platform) {
    return configs.find(platform.configVersion());
  }

  private static void requireOk(ConfigCheck check, String what) {
    if (!check.ok()) {
      throw QsApiException.invalid(check.errors().size() + " problem(s) in the " + what
          + "; nothing was changed", check.errors());
    }
  }
}
