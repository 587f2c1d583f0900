package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.model.HardwareFacts;
import io.qingstor.installer.core.config.EnvFileRenderer;
import io.qingstor.installer.core.config.InventoryHost;
import io.qingstor.installer.core.config.InventoryRenderer;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.exec.Cancellation;
import io.qingstor.installer.core.exec.Diagnosis;
import io.qingstor.installer.core.exec.FailureReason;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.nodes.FactsBuffer;
import io.qingstor.installer.core.nodes.FactsParser;
import io.qingstor.installer.core.nodes.FactsScript;
import io.qingstor.installer.core.nodes.NodeTransitions;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.PlatformRecord;
import io.qingstor.installer.core.state.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The work of {@code builtin} steps: {@code render-config} and {@code collect-facts}. */
final class Builtins {
  /** Artifact names under the data directory's {@code artifacts/}. */
  static final String ENV_FILE = "qs_installer_env_config.yml";
  static final String INVENTORY = "inventory.ini";

  private final StateStore store;
  private final ConfigVersions configs;
  private final NodeInventory inventory;
  private final NodeExecutor remote;
  private final Clock clock;
  private final JobLog log;
  private final StepRunner runner;

  Builtins(StateStore store, ConfigVersions configs, NodeInventory inventory, NodeExecutor remote,
      Clock clock, JobLog log, JobLedgers ledgers) {
    this.store = store;
    this.configs = configs;
    this.inventory = inventory;
    this.remote = remote;
    this.clock = clock;
    this.log = log;
    this.runner = new StepRunner(log, ledgers);
  }

  /**
   * Renders the env file (mode 0600, its {@code ansible_ssh_pass} sealed by the store) and the
   * Ansible inventory into the store.
   */
  StepOutcome renderConfig(JobRecord job, int index, PlatformConfig config) {
    Map<String, NodeRecord> nodes = new LinkedHashMap<>();
    for (String id : new NodeRoles(config).allNodes()) {
      nodes.put(id, inventory.require(id));
    }
    String env = new EnvFileRenderer().render(config, id -> nodes.get(id).ip(), true);
    store.saveArtifact(ENV_FILE, env);
    log(job, index, "rendered " + ENV_FILE + " (" + env.length() + " bytes, mode 0600, "
        + EnvFileRenderer.SECRET_KEY + " sealed) into the data directory's artifacts/");
    List<InventoryHost> hosts = new ArrayList<>();
    nodes.values().forEach(n -> hosts.add(
        new InventoryHost(n.nodeId(), n.ip(), n.sshPort(), n.sshUser(), n.vars())));
    String ini = new InventoryRenderer().render(config, hosts);
    store.saveArtifact(INVENTORY, ini);
    log(job, index, "rendered " + INVENTORY + " for " + hosts.size() + " hosts");
    warnDuplicateHostnames(job, index, nodes.values());
    return new StepOutcome(List.of(), false);
  }

  /** Runs the facts script on each node and stores what it learned. */
  StepOutcome collectFacts(JobRecord job, int index, PlanStep step, List<NodeRecord> nodes,
      Cancellation cancellation) {
    Map<String, FactsBuffer> output = new ConcurrentHashMap<>();
    List<StepTarget> targets = new ArrayList<>();
    for (NodeRecord node : nodes) {
      output.put(node.nodeId(), new FactsBuffer());
      targets.add(new StepTarget(node.nodeId(), StepTargets.target(node), remote, Map.of(),
          Map.of(), node, null));
    }
    StepOutcome outcome = runner.run(job.jobId(), index, step, FactsScript.text(), targets,
        cancellation, (node, stream, line) -> {
          if (stream.equals("stdout")) {
            output.get(node).appendLine(line);
          }
        });
    Instant now = clock.instant();
    Set<String> deployed = deployedNodes();
    // Changes are applied to the records as they are when saved, not to the snapshot taken
    // before the step: a deploy may have marked a node deployed meanwhile.
    Map<String, UnaryOperator<NodeRecord>> changes = new LinkedHashMap<>();
    List<StepOutcome.NodeFailure> failures = new ArrayList<>(outcome.failures());
    Map<String, StepOutcome.NodeFailure> failed = new TreeMap<>();
    outcome.failures().forEach(f -> failed.put(f.nodeId(), f));
    for (NodeRecord node : nodes) {
      StepOutcome.NodeFailure failure = failed.get(node.nodeId());
      if (failure != null) {
        continue; // JobSteps records why on the node
      }
      try {
        FactsParser.Reading reading = FactsParser.read(output.get(node.nodeId()), now);
        HardwareFacts facts = reading.facts();
        reading.warnings().forEach(warning ->
            log.append(job.jobId(), index, node.nodeId(), "error", "warning: " + warning));
        boolean inPlatform = deployed.contains(node.nodeId());
        // A node a job went on without misses that job's work: the job that catches it up
        // makes it deployed, not this.
        changes.put(node.nodeId(), n -> n.withFacts(facts, now).withFailure(null, now)
            .withStatus(NodeTransitions.next(n.status(), NodeTransitions.Event.FACTS_COLLECTED,
                inPlatform && n.failedIn() == null), now));
        log(job, index, node.nodeId() + ": " + summary(facts));
      } catch (RuntimeException e) {
        failures.add(new StepOutcome.NodeFailure(node.nodeId(), Outcome.FAILED,
            "unreadable facts: " + e.getMessage(),
            Diagnosis.of(FailureReason.SCRIPT_FAILED, node.nodeId())));
      }
    }
    inventory.change(changes);
    return new StepOutcome(failures, outcome.cancelled());
  }

  /** The nodes of the deployed platform's config (none while the platform is not deployed). */
  private Set<String> deployedNodes() {
    return store.loadPlatform().filter(PlatformRecord::deployed)
        .flatMap(platform -> configs.find(platform.configVersion()))
        .map(config -> Set.copyOf(new NodeRoles(config).allNodes()))
        .orElse(Set.of());
  }

  private static String summary(HardwareFacts facts) {
    return "hostname " + facts.hostname() + ", " + facts.os() + ", " + facts.cpus() + " CPUs, "
        + (facts.memoryBytes() == null ? "?" : facts.memoryBytes() / (1024 * 1024)) + " MiB, "
        + facts.blockDevices().size() + " block devices, " + facts.interfaces().size()
        + " interfaces";
  }

  private void warnDuplicateHostnames(JobRecord job, int index, Iterable<NodeRecord> nodes) {
    Map<String, List<String>> byHostname = new TreeMap<>();
    for (NodeRecord node : nodes) {
      if (node.facts() != null && node.facts().hostname() != null) {
        byHostname.computeIfAbsent(node.facts().hostname(), h -> new ArrayList<>())
            .add(node.nodeId());
      }
    }
    byHostname.forEach((hostname, ids) -> {
      if (ids.size() > 1) {
        log.append(job.jobId(), index, null, "error", "warning: hostname " + hostname
            + " is shared by " + ids + "; set change_hostname: true in qs_conf to rename them");
      }
    });
  }

  private void log(JobRecord job, int index, String text) {
    log.info(job.jobId(), index, text);
  }
}
