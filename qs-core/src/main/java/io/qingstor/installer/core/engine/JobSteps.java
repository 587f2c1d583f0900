package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.ansible.AnsiblePlaybook;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.FailureReason;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.nodes.NodeTransitions;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs one step of a job: resolves the step's target nodes from the job's config and the
 * inventory, then hands the step to the {@link StepKind} of its kind key. The kinds are listed
 * in the constructor: add a new kind there (see {@link StepKind}).
 */
final class JobSteps {
  private final NodeInventory inventory;
  private final JobLog log;
  private final StepTargets targets;
  private final Map<String, StepKind> kinds = new HashMap<>();
  private final Clock clock;
  private final ConfigVersions configs;
  private final JobLedgers ledgers;
  private final UnreachableNodes unreachable;

  JobSteps(StateStore store, ConfigVersions configs, NodeInventory inventory,
      NodeExecutor remote, NodeExecutor local, Clock clock, Plan plan, PlatformSecrets secrets,
      Consumer<String> logged, JobLedgers ledgers, AnsiblePlaybook ansible) {
    this.configs = configs;
    this.ledgers = ledgers;
    this.inventory = inventory;
    this.clock = clock;
    this.log = new JobLog(store, clock, secrets, logged);
    this.unreachable = new UnreachableNodes(log);
    this.targets = new StepTargets(inventory, store, plan, secrets, remote, local);
    StepRunner runner = new StepRunner(log, ledgers);
    List<StepKind> all = List.of(
        new RunKind(runner),
        new BuiltinKind(new Builtins(store, configs, inventory, remote, clock, log, ledgers)),
        new UploadKind(plan, store, runner, secrets, this::node),
        new FetchKind(store, runner),
        new PlaybookKind(ansible, store, plan, ledgers));
    all.forEach(kind -> kinds.put(kind.key(), kind));
  }

  /** The log every step of every job writes through. */
  JobLog log() {
    return log;
  }

  /**
   * Runs the step under its failure budget ({@link StepBudget}: a step over it stops at once),
   * then records on each node that failed why it did. The outcome holds every failed node, those
   * the budget made the step skip included, judged by the step's budget.
   */
  StepOutcome run(JobRecord job, int index, PlanStep step, Cancellation cancellation) {
    PlatformConfig config = job.type() == JobType.COLLECT_NODES ? null : config(job);
    StepKind kind = kinds.get(step.action().kindKey());
    if (kind == null) {
      throw new IllegalStateException("no engine support for step kind "
          + step.action().kindKey());
    }
    List<NodeRecord> nodes = targetNodes(job, step, config);
    try (StepBudget budget = new StepBudget(step.budget(), nodes.size(), cancellation)) {
      JobLedger ledger = ledgers.job(job.jobId());
      ledger.budget(index, budget);
      List<StepOutcome.NodeFailure> skipped =
          unreachable.skip(ledger, index, step, nodes, budget);
      StepOutcome done = kind.run(new StepContext(job, index, step, config, nodes,
          () -> targets.of(job, index, step, config, nodes), budget.cancellation(), log));
      List<StepOutcome.NodeFailure> failures = new ArrayList<>(skipped);
      failures.addAll(done.failures());
      recordFailures(done);
      return new StepOutcome(failures, cancellation.isCancelled(), step.budget(), nodes.size());
    }
  }

  /**
   * Where a {@code run} step of a platform job executes, each node with its executor; empty for
   * builtins and collect jobs, whose commands are the installer's own and bounded. The nodes the
   * step has already handled ({@link StepLedger#handled}) run nothing.
   */
  List<StepTarget> runTargets(JobRecord job, int index, PlanStep step) {
    if (job.type() == JobType.COLLECT_NODES || step.builtin() != null) {
      return List.of();
    }
    PlatformConfig config = config(job);
    List<NodeRecord> nodes = targetNodes(job, step, config).stream()
        .filter(n -> !StepLedger.handled(job, index, n.nodeId())).toList();
    return targets.of(job, index, step, config, nodes);
  }

  /**
   * Keeps each failed node's diagnosis on its record (DescribeNodes shows it) and marks the ones
   * that could not be reached {@code unreachable}; a wrong password or a full disk leaves the
   * status alone. A cancellation is not the node's doing and is not recorded. Applied to each
   * node as it is then, so a change made meanwhile stays.
   */
  private void recordFailures(StepOutcome outcome) {
    Instant now = clock.instant();
    Map<String, UnaryOperator<NodeRecord>> changes = new LinkedHashMap<>();
    for (StepOutcome.NodeFailure failure : outcome.failures()) {
      Diagnosis diagnosis = failure.diagnosis();
      if (diagnosis.reason() != FailureReason.CANCELLED) {
        changes.put(failure.nodeId(), n -> diagnosis.reason().unreachable()
            ? n.withFailure(diagnosis, now).withStatus(
                NodeTransitions.next(n.status(), NodeTransitions.Event.UNREACHED), now)
            : n.withFailure(diagnosis, now));
      }
    }
    inventory.change(changes);
  }

  /** The nodes of the job's config (none for a collect job). */
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
    return configs.require(job.configVersion());
  }

  private List<NodeRecord> targetNodes(JobRecord job, PlanStep step, PlatformConfig config) {
    List<NodeRecord> nodes = new ArrayList<>();
    for (String id : JobTargets.of(job).ids(step, config)) {
      nodes.add(inventory.require(id));
    }
    return nodes;
  }

  private NodeRecord node(String nodeId) {
    return inventory.require(nodeId);
  }
}
