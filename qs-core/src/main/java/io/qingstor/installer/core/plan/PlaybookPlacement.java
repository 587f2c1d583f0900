package io.qingstor.installer.core.plan;

import io.qingstor.installer.core.job.JobType;
import java.util.List;
import java.util.Map;

/**
 * Where a playbook step may stand: only where the inventory it runs over is rendered for the
 * job's own config. That is after a {@code render-config} step of the same job, or in a deploy
 * job when the plan's config job renders it (a deploy works on the configured platform).
 * Never in collect_nodes jobs (no config) nor on {@code targets: firstbox} (the inventory's
 * hosts are the nodes).
 */
final class PlaybookPlacement {
  private static final String RENDER = "render-config";

  private PlaybookPlacement() {}

  /** @throws PlanException naming the first misplaced playbook step and what to do */
  static void check(Map<JobType, List<PlanStep>> jobs, String file) {
    boolean configRenders = jobs.getOrDefault(JobType.CONFIG, List.of()).stream()
        .anyMatch(s -> RENDER.equals(s.builtin()));
    jobs.forEach((type, steps) -> {
      boolean rendered = type == JobType.DEPLOY && configRenders;
      for (int i = 0; i < steps.size(); i++) {
        PlanStep step = steps.get(i);
        String where = file + ": jobs." + type.wireName() + "[" + i + "]";
        if (RENDER.equals(step.builtin()) && type != JobType.COLLECT_NODES) {
          rendered = true;
        }
        if (!(step.action() instanceof PlaybookStep)) {
          continue;
        }
        if (step.targets() == Targets.FIRSTBOX) {
          throw new PlanException(where + ".targets: a playbook runs on nodes of the inventory,"
              + " not on firstbox; use a run step there");
        }
        if (!rendered) {
          throw new PlanException(where + ".playbook: the inventory is not rendered yet in a "
              + type.wireName() + " job; put a builtin: render-config step before it"
              + (type == JobType.COLLECT_NODES ? " (collect_nodes jobs have no config: use run)"
                  : type == JobType.DEPLOY ? " or in the config job" : ""));
        }
      }
    });
  }
}
