package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.config.PlatformConfig;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.plan.FailureBudget;
import io.qingstor.installer.core.plan.PlanStep;
import java.util.List;

/**
 * Which nodes each step of a job targets: the one rule the step runner, the ETA's target count
 * and the dry run share, so what a dry run shows and an ETA counts is what the job contacts.
 *
 * @param type the job's type
 * @param named the nodes the job names: a scale job's new nodes, a scale-in's removed nodes, a
 *     collect job's nodes (none for other jobs)
 * @param force a scale-in that removes its nodes without contacting them
 */
record JobTargets(JobType type, List<String> named, boolean force) {
  JobTargets {
    named = List.copyOf(named);
  }

  /** The rule for {@code job}'s steps. */
  static JobTargets of(JobRecord job) {
    return new JobTargets(job.type(), job.newNodes(), job.force());
  }

  /**
   * The step as the job runs it: a step a forced scale-in tries on the nodes it removes runs
   * there best-effort, every node allowed to fail (each failure a warning), since those nodes
   * may well be gone; any other step as the plan says.
   */
  PlanStep effective(PlanStep step) {
    return force && type.scalesIn() && step.triedWhenForced()
        ? step.withBudget(FailureBudget.percent(100)) : step;
  }

  /**
   * The ids of the nodes {@code step} targets in {@code config} (ignored, and may be null, for a
   * collect job, whose every step targets its nodes). A {@code new} step targets a scale job's
   * new nodes (every node for other jobs but scale-ins); a {@code removed} step a scale-in's
   * nodes unless it is forced (and the step not tried when forced, {@code forced: try}); a
   * {@code firstbox} step no node.
   */
  List<String> ids(PlanStep step, PlatformConfig config) {
    if (type == JobType.COLLECT_NODES) {
      return named;
    }
    NodeRoles roles = new NodeRoles(config);
    switch (step.targets()) {
      case ACCESS: return roles.accessNodes();
      case STORAGE: return roles.storageNodes();
      case NEW: return type.scales() ? named : type.scalesIn() ? List.of() : roles.allNodes();
      case REMOVED:
        return type.scalesIn() && (!force || step.triedWhenForced()) ? named : List.of();
      case FIRSTBOX: return List.of();
      default: return roles.allNodes();
    }
  }
}
