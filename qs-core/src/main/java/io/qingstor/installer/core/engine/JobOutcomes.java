package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.job.JobPhase;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.platform.PlatformEvent;
import io.qingstor.installer.core.platform.PlatformTransitions.Effect;
import io.qingstor.installer.core.platform.PlatformTransitions;
import io.qingstor.installer.core.state.NodeRecord.NodeStatus;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.PlatformRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a finished platform job does to the platform: the table's success or failure row and its
 * named effects (deployed flag, the scale's config version, node statuses). Used when a job ends
 * and when recovery finds a job that ended just before a crash.
 */
final class JobOutcomes {
  /**
   * The platform after the job, and the change to each node's status, applied to the node as it
   * is when saved ({@link NodeInventory#change}), so facts collected meanwhile are kept.
   */
  record Outcome(PlatformRecord platform, Map<String, UnaryOperator<NodeRecord>> nodeChanges) {}

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
    return new Outcome(next, nodeChanges(effects, platformNodes, now));
  }

  /** The node statuses the effects leave behind; a config never demotes a deployed node. */
  private static Map<String, UnaryOperator<NodeRecord>> nodeChanges(Set<Effect> effects,
      List<NodeRecord> nodes, Instant now) {
    Map<String, UnaryOperator<NodeRecord>> changes = new LinkedHashMap<>();
    if (effects.isEmpty()) {
      return changes;
    }
    boolean ready = effects.contains(Effect.MARK_NODES_READY);
    NodeStatus status = ready ? NodeStatus.READY : NodeStatus.DEPLOYED;
    for (NodeRecord node : nodes) {
      changes.put(node.nodeId(), current -> current.status() == status
          || (ready && current.status() == NodeStatus.DEPLOYED)
          ? current : current.withStatus(status, now));
    }
    return changes;
  }
}
