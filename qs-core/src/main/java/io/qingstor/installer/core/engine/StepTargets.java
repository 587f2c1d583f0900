package io.qingstor.installer.core.engine;

import io.qingstor.installer.api.JobStatuses;
import io.qingstor.installer.core.config.EnvFileRenderer;
import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.exec.NodeExecutor;
import io.qingstor.installer.core.exec.NodeTarget;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanSecret;
import io.qingstor.installer.core.plan.PlanStep;
import io.qingstor.installer.core.plan.Targets;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a step runs: each target node with its executor, variables and the plan secrets; on the
 * firstbox, the local executor in the job's work directory.
 */
final class StepTargets {
  /** The firstbox step's work directory, {@code <data>/jobs/<job_id>/work}. */
  static final String WORK_DIR = "QS_WORK_DIR";
  /** The platform's artifacts directory, {@code <data>/artifacts}. */
  static final String ARTIFACTS = "QS_ARTIFACTS";
  /** The env file as the nodes get it: without {@code ansible_ssh_pass}. */
  static final String ENV_YAML = "QS_ENV_YAML";

  private final NodeInventory inventory;
  private final StateStore store;
  private final Plan plan;
  private final PlatformSecrets secrets;
  private final NodeExecutor remote;
  private final NodeExecutor local;

  StepTargets(NodeInventory inventory, StateStore store, Plan plan,
      PlatformSecrets secrets, NodeExecutor remote, NodeExecutor local) {
    this.inventory = inventory;
    this.store = store;
    this.plan = plan;
    this.secrets = secrets;
    this.remote = remote;
    this.local = local;
  }

  /** The targets of {@code step}: the firstbox, or each of {@code nodes}. */
  List<StepTarget> of(JobRecord job, int index, PlanStep step, PlatformConfig config,
      List<NodeRecord> nodes) {
    String envYaml = new EnvFileRenderer().render(config, this::ipOf, false);
    Map<String, String> secretValues = secrets.values();
    List<StepTarget> targets = new ArrayList<>();
    if (step.targets() == Targets.FIRSTBOX) {
      Map<String, String> vars = NodeVariables.userVars(plan.vars(), null);
      vars.put("QS_JOB_ID", job.jobId());
      vars.put("QS_STEP", JobStatuses.step(index));
      vars.put("QS_STEP_NAME", step.name());
      vars.put(ENV_YAML, envYaml);
      vars.put(WORK_DIR, store.workDirectory(job.jobId()).toString());
      vars.put(ARTIFACTS, store.artifactsDirectory().toString());
      String user = System.getProperty("user.name");
      // The password reaches firstbox scripts only as a variable: the env file at rest holds it
      // sealed, and QS_ENV_YAML not at all.
      Map<String, String> firstboxSecrets = new LinkedHashMap<>(secretValues);
      firstboxSecrets.put(PlanSecret.ANSIBLE_SSH_PASS, config.qsConf().ansibleSshPass());
      targets.add(new StepTarget("firstbox", new NodeTarget("firstbox",
          config.qsConf().firstbox(), 0, user, null, null), local, vars, firstboxSecrets, null,
          become(step, vars, user, "firstbox", null)));
      return targets;
    }
    NodeVariables variables = new NodeVariables(config, envYaml, plan.vars());
    for (NodeRecord node : nodes) {
      Map<String, String> vars = variables.of(node, job, index, step);
      targets.add(new StepTarget(node.nodeId(), target(node), remote, vars, secretValues, node,
          become(step, vars, node.sshUser(), node.nodeId(), node.becomePassword())));
    }
    return targets;
  }

  /** Become root when the step or the node asks for it, unless the user is root already. */
  private static Become become(PlanStep step, Map<String, String> vars, String user,
      String nodeId, String password) {
    boolean wanted = step.become() || "true".equals(vars.get(Become.NODE_VAR));
    return wanted && !"root".equals(user) ? new Become(user, nodeId, password) : null;
  }

  static NodeTarget target(NodeRecord node) {
    return new NodeTarget(node.nodeId(), node.ip(), node.sshPort(), node.sshUser(),
        node.sshPassword(), node.sshKey());
  }

  private String ipOf(String nodeId) {
    return inventory.get(nodeId).map(NodeRecord::ip).orElse(nodeId);
  }
}
