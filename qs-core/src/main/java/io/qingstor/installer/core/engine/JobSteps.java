package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.config.EnvFileRenderer;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one step of a job: resolves the step's targets from the job's config and the inventory,
 * then runs its script on them or performs its builtin.
 */
final class JobSteps {
  private final Object lock;
  private final StateStore store;
  private final NodeInventory inventory;
  private final NodeExecutor remote;
  private final NodeExecutor local;
  private final StepRunner runner;
  private final Builtins builtins;
  private final Map<Integer, PlatformConfig> configs = new ConcurrentHashMap<>();

  JobSteps(Object lock, StateStore store, NodeInventory inventory, NodeExecutor remote,
      NodeExecutor local, Clock clock, JobLedgers ledgers) {
    this.lock = lock;
    this.store = store;
    this.inventory = inventory;
    this.remote = remote;
    this.local = local;
    this.runner = new StepRunner(store, clock, ledgers);
    this.builtins = new Builtins(lock, store, inventory, remote, clock, ledgers);
  }

  StepOutcome run(JobRecord job, int index, PlanStep step, Cancellation cancellation) {
    PlatformConfig config = job.type() == JobType.COLLECT_NODES ? null : config(job);
    if ("render-config".equals(step.builtin())) {
      return builtins.renderConfig(job, index, config);
    }
    List<NodeRecord> nodes = targetNodes(job, step, config);
    if ("collect-facts".equals(step.builtin())) {
      return builtins.collectFacts(job, index, step, nodes, cancellation);
    }
    return runner.run(job.jobId(), index, step, targets(job, index, step, config, nodes),
        cancellation);
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

  private List<StepTarget> targets(JobRecord job, int index, PlanStep step, PlatformConfig config,
      List<NodeRecord> nodes) {
    String envYaml = new EnvFileRenderer().render(config, this::ipOf, false);
    NodeVariables variables = new NodeVariables(config, envYaml);
    List<StepTarget> targets = new ArrayList<>();
    if (step.targets() == io.qingstor.installer.core.plan.Targets.FIRSTBOX) {
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put("QS_JOB_ID", job.jobId());
      vars.put("QS_STEP", "step" + index);
      vars.put("QS_STEP_NAME", step.name());
      vars.put("QS_ENV_YAML", envYaml);
      targets.add(new StepTarget("firstbox", new NodeTarget("firstbox",
          config.qsConf().firstbox(), 0, System.getProperty("user.name"), null, null), local, vars));
      return targets;
    }
    for (NodeRecord node : nodes) {
      targets.add(new StepTarget(node.nodeId(), target(node), remote,
          variables.of(node, job, index, step)));
    }
    return targets;
  }

  static NodeTarget target(NodeRecord node) {
    return new NodeTarget(node.nodeId(), node.ip(), node.sshPort(), node.sshUser(),
        node.sshPassword(), node.sshKey());
  }

  private String ipOf(String nodeId) {
    synchronized (lock) {
      return inventory.get(nodeId).map(NodeRecord::ip).orElse(nodeId);
    }
  }
}
