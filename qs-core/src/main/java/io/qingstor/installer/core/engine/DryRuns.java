package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.api.model.DryRunPlan;
import io.qingstor.installer.api.model.DryRunPlan.PlannedStep;
import io.qingstor.installer.core.config.ConfigCheck;
import io.qingstor.installer.core.config.EnvFileRenderer;
import io.qingstor.installer.core.config.NodeRemovalRules;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.plan.Targets;
import io.qingstor.installer.core.state.NodeRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The plans dry runs answer, and the {@link PlanToken} an apply is checked against. Reads the
 * inventory: call through {@link JobEngine#exclusive}, so what it shows agrees with the jobs.
 * Stores and starts nothing.
 */
final class DryRuns {
  private final Plan plan;
  private final NodeInventory inventory;

  DryRuns(Plan plan, NodeInventory inventory) {
    this.plan = plan;
    this.inventory = inventory;
  }

  /** A config dry run: the config job's steps, then the deploy job's, on the checked config. */
  DryRunPlan forConfig(ConfigCheck check, Optional<PlatformConfig> current, String password) {
    List<PlannedStep> steps = new ArrayList<>(
        steps(new JobTargets(JobType.CONFIG, List.of(), false), check.config()));
    steps.addAll(steps(new JobTargets(JobType.DEPLOY, List.of(), false), check.config()));
    return new DryRunPlan(tokenOf(check.config(), check.ipsToRegister(), password).wire(),
        steps, diff(current, check.config()), check.warnings());
  }

  /** A scale dry run: the scale job's steps, {@code new} being the nodes that gain a role. */
  DryRunPlan forScale(JobType type, ConfigCheck check, PlatformConfig deployed,
      String password) {
    List<String> added = new NodeRoles(check.config()).gainedSince(new NodeRoles(deployed));
    return new DryRunPlan(tokenOf(check.config(), check.ipsToRegister(), password).wire(),
        steps(new JobTargets(type, added, false), check.config()),
        diff(Optional.of(deployed), check.config()), check.warnings());
  }

  /**
   * A scale-in dry run: the job's steps on the config without the nodes, {@code removed} being
   * those nodes (none with {@code force}, which does not contact them).
   */
  DryRunPlan forScaleIn(JobType type, NodeRemovalRules.Removal removal, PlatformConfig deployed,
      boolean force) {
    return new DryRunPlan(scaleInTokenOf(removal, force).wire(),
        steps(new JobTargets(type, removal.nodeIds(), force), removal.config()),
        diff(Optional.of(deployed), removal.config()), List.of());
  }

  /**
   * The fingerprints of {@code config} (nodes it names by IP not registered yet count as the
   * registration would make them: root, port 22, {@code password}), the plan and the inventory.
   */
  PlanToken tokenOf(PlatformConfig config, List<String> ipsToRegister, String password) {
    return tokenOf(config, ipsToRegister, password, "");
  }

  /**
   * A scale-in's fingerprints: the config without the nodes, and with the plan whether the
   * nodes are contacted ({@code force} runs other steps on them).
   */
  PlanToken scaleInTokenOf(NodeRemovalRules.Removal removal, boolean force) {
    return tokenOf(removal.config(), List.of(), null, force ? "\nforce: true" : "");
  }

  private PlanToken tokenOf(PlatformConfig config, List<String> ipsToRegister, String password,
      String planExtra) {
    TreeSet<String> nodes = new TreeSet<>();
    for (NodeRecord node : inventory.all()) {
      nodes.add(node(node.ip(), node.sshPort(), node.sshUser(),
          node.sshKey() != null ? node.sshKey() : node.sshPassword(), node.vars()));
    }
    ipsToRegister.forEach(ip -> nodes.add(node(ip, 22, "root", password, Map.of())));
    return PlanToken.of(render(config, true),
        plan.name() + "\n" + plan.version() + "\n" + plan.jobs() + planExtra,
        String.join("\n", nodes));
  }

  private List<PlannedStep> steps(JobTargets targets, PlatformConfig config) {
    List<PlannedStep> steps = new ArrayList<>();
    List<PlanStep> planSteps = plan.steps(targets.type());
    for (int i = 0; i < planSteps.size(); i++) {
      PlanStep step = planSteps.get(i);
      steps.add(new PlannedStep(targets.type().wireName(), JobStatuses.step(i), step.name(),
          step.title(), step.targets() == Targets.FIRSTBOX
              ? List.of("firstbox") : targets.ids(step, config)));
    }
    return steps;
  }

  private List<String> diff(Optional<PlatformConfig> current, PlatformConfig next) {
    return EnvFileDiff.between(current.map(c -> render(c, false)).orElse(""), render(next, false));
  }

  /** The env file; a node not registered yet is named by its IP, which is its reference. */
  private String render(PlatformConfig config, boolean withSecrets) {
    return new EnvFileRenderer().render(config,
        id -> inventory.get(id).map(NodeRecord::ip).orElse(id), withSecrets);
  }

  /** One node as the token sees it: address, user, a digest of its credential, vars. */
  private static String node(String ip, int port, String user, String credential,
      Map<String, String> vars) {
    return ip + ":" + port + " " + user + " " + digest(credential == null ? "" : credential)
        + " " + new TreeMap<>(vars);
  }

  private static String digest(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
