package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.job.JobPhase;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.platform.PlatformEvent;
import io.qingstor.installer.core.platform.PlatformTransitions;
import io.qingstor.installer.core.platform.PlatformTransitions.Effect;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.NodeRecord.NodeStatus;
import io.qingstor.installer.core.state.PlatformRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a finished platform job does to the platform: the table's success or failure row and its
 * named effects (deployed flag, the scale's config version, node statuses). Used when a job ends
 * and when recovery finds a job that ended just before a crash.
 */
final class JobOutcomes {
  /** The platform after the job, and the nodes whose status changes. */
  record Outcome(PlatformRecord platform, List<NodeRecord> nodeUpdates) {}

  private JobOutcomes() {}

  /**
   * Applies the end of {@code job} to {@code platform}; {@code platformNodes} are the nodes the
   * effects may change.
   *
   * @throws IllegalStateException when the platform's status cannot take the job's end
   */
  static Outcome of(PlatformRecord platform, JobRecord job, List<NodeRecord> platformNodes,
      Instant now) {
    PlatformEvent event = job.phase() == JobPhase.SUCCESSFUL
        ? job.type().succeededEvent() : job.type().failedEvent();
    var row = PlatformTransitions.fire(platform.status(), event, null).row().orElseThrow(() ->
        new IllegalStateException("platform in " + platform.status() + " cannot take " + event));
    PlatformRecord next = platform.moveTo(row.to(), now);
    Set<Effect> effects = row.effects();
    if (effects.contains(Effect.MARK_DEPLOYED)) {
      next = next.withDeployed(true);
    }
    if (effects.contains(Effect.ADOPT_SCALE_CONFIG)) {
      next = next.withConfigVersion(job.configVersion());
    }
    return new Outcome(next, nodeUpdates(effects, platformNodes, now));
  }

  /** The node statuses the effects leave behind; a config never demotes a deployed node. */
  private static List<NodeRecord> nodeUpdates(Set<Effect> effects, List<NodeRecord> nodes,
      Instant now) {
    List<NodeRecord> updated = new ArrayList<>();
    boolean ready = effects.contains(Effect.MARK_NODES_READY);
    if (!ready && effects.isEmpty()) {
      return updated;
    }
    NodeStatus status = ready ? NodeStatus.READY : NodeStatus.DEPLOYED;
    for (NodeRecord node : nodes) {
      if (node.status() != status && (!ready || node.status() != NodeStatus.DEPLOYED)) {
        updated.add(node.withStatus(status, now));
      }
    }
    return updated;
  }
}
