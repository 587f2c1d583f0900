package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.ansible.AnsiblePlaybook;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.FailureReason;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.NodeRecord.NodeStatus;
import io.qingstor.installer.core.state.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one step of a job: resolves the step's target nodes from the job's config and the
 * inventory, then hands the step to the {@link StepKind} of its kind key. The kinds are listed
 * in the constructor: add a new kind there (see {@link StepKind}).
 */
final class JobSteps {
  private final Object lock;
  private final StateStore store;
  private final NodeInventory inventory;
  private final JobLog log;
  private final StepTargets targets;
  private final Map<String, StepKind> kinds = new HashMap<>();
  private final Clock clock;
  private final Map<Integer, PlatformConfig> configs = new ConcurrentHashMap<>();

  JobSteps(Object lock, StateStore store, NodeInventory inventory, NodeExecutor remote,
      NodeExecutor local, Clock clock, Plan plan, PlatformSecrets secrets, JobLedgers ledgers,
      AnsiblePlaybook ansible) {
    this.lock = lock;
    this.store = store;
    this.inventory = inventory;
    this.clock = clock;
    this.log = new JobLog(store, clock, secrets);
    this.targets = new StepTargets(lock, inventory, store, plan, secrets, remote, local);
    StepRunner runner = new StepRunner(log, ledgers);
    List<StepKind> all = List.of(
        new RunKind(runner),
        new BuiltinKind(new Builtins(lock, store, inventory, remote, clock, log, ledgers)),
        new UploadKind(plan, store, runner, secrets, this::node),
        new FetchKind(store, runner),
        new PlaybookKind(ansible, store, plan, ledgers));
    all.forEach(kind -> kinds.put(kind.key(), kind));
  }

  /** The log every step of every job writes through. */
  JobLog log() {
    return log;
  }

  /** Runs the step, then records on each node that failed why it did. */
  StepOutcome run(JobRecord job, int index, PlanStep step, Cancellation cancellation) {
    StepOutcome outcome = perform(job, index, step, cancellation);
    recordFailures(outcome);
    return outcome;
  }

  private StepOutcome perform(JobRecord job, int index, PlanStep step, Cancellation cancellation) {
    PlatformConfig config = job.type() == JobType.COLLECT_NODES ? null : config(job);
    StepKind kind = kinds.get(step.action().kindKey());
    if (kind == null) {
      throw new IllegalStateException("no engine support for step kind "
          + step.action().kindKey());
    }
    List<NodeRecord> nodes = targetNodes(job, step, config);
    return kind.run(new StepContext(job, index, step, config, nodes,
        () -> targets.of(job, index, step, config, nodes), cancellation, log));
  }

  /**
   * Keeps each failed node's diagnosis on its record (DescribeNodes shows it) and marks the ones
   * that could not be reached {@code unreachable}; a wrong password or a full disk leaves the
   * status alone. A cancellation is not the node's doing and is not recorded.
   */
  private void recordFailures(StepOutcome outcome) {
    Instant now = clock.instant();
    synchronized (lock) {
      List<NodeRecord> changed = new ArrayList<>();
      for (StepOutcome.NodeFailure failure : outcome.failures()) {
        Diagnosis diagnosis = failure.diagnosis();
        if (diagnosis.reason() == FailureReason.CANCELLED) {
          continue;
        }
        inventory.get(failure.nodeId()).map(n -> n.withFailure(diagnosis, now))
            .map(n -> diagnosis.reason().unreachable() ? n.withStatus(NodeStatus.UNREACHABLE, now) : n)
            .ifPresent(changed::add);
      }
      inventory.update(changed);
    }
  }

  /** The nodes of the job's config (every node of a collect job); call under the engine lock. */
  List<NodeRecord> platformNodes(JobRecord job) {
    if (job.type() == JobType.COLLECT_NODES) {
      return List.of();
    }
    List<NodeRecord> nodes = new ArrayList<>();
    for (String id : new NodeRoles(config(job)).allNodes()) {
      inventory.get(id).ifPresent(nodes::add);
    }
    return nodes;
  }

  PlatformConfig config(JobRecord job) {
    return configs.computeIfAbsent(job.configVersion(), v -> store.loadConfig(v).orElseThrow(
        () -> new IllegalStateException("config version " + v + " is missing from the store")));
  }

  private List<NodeRecord> targetNodes(JobRecord job, PlanStep step, PlatformConfig config) {
    List<String> ids;
    if (job.type() == JobType.COLLECT_NODES) {
      ids = job.newNodes();
    } else {
      NodeRoles roles = new NodeRoles(config);
      switch (step.targets()) {
        case ACCESS: ids = roles.accessNodes(); break;
        case STORAGE: ids = roles.storageNodes(); break;
        case NEW: ids = job.type().scales() ? job.newNodes() : roles.allNodes(); break;
        case FIRSTBOX: ids = List.of(); break;
        default: ids = roles.allNodes(); break;
      }
    }
    List<NodeRecord> nodes = new ArrayList<>();
    synchronized (lock) {
      for (String id : ids) {
        nodes.add(inventory.require(id));
      }
    }
    return nodes;
  }

  private NodeRecord node(String nodeId) {
    synchronized (lock) {
      return inventory.require(nodeId);
    }
  }
}
