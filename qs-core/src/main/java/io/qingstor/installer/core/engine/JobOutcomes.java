package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.job.JobPhase;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.LeftOutNode;
import io.qingstor.installer.core.job.NodeState;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.nodes.NodeTransitions;
import io.qingstor.installer.core.platform.PlatformEvent;
import io.qingstor.installer.core.platform.PlatformTransitions;
import io.qingstor.installer.core.platform.PlatformTransitions.Effect;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.NodeRecord.NodeStatus;
import io.qingstor.installer.core.state.PlatformRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a finished platform job does to the platform: the table's success or failure row and its
 * named effects (deployed flag, config version, node statuses). Used when a job ends and when
 * recovery finds a job that ended just before a crash. Forgetting a reset platform's secrets
 * and artifacts is the engine's, before these.
 */
final class JobOutcomes {
  /**
   * The platform after the job, its row's effects, and the change to each node, applied to the
   * node as it is when saved ({@link NodeInventory#change}), so facts collected meanwhile stay.
   */
  record Outcome(PlatformRecord platform, Set<Effect> effects,
      Map<String, UnaryOperator<NodeRecord>> nodeChanges) {}

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
    if (effects.contains(Effect.FORGET_PLATFORM)) {
      next = next.withDeployed(false).withConfigVersion(0);
    }
    Map<String, UnaryOperator<NodeRecord>> changes = nodeChanges(effects, platformNodes.stream()
        .filter(n -> job.leftOut(n.nodeId()).isEmpty()).toList(), now);
    if (effects.contains(Effect.ADOPT_SCALE_CONFIG) && job.type().scalesIn()) {
      changes.putAll(leftPlatform(job, platformNodes, now));
    }
    failedMarks(job, now).forEach((id, mark) -> changes.merge(id, mark,
        (status, marking) -> n -> marking.apply(status.apply(n))));
    return new Outcome(next, effects, changes);
  }

  /**
   * The nodes a scale-in took out of the platform altogether are {@code ready} again (their
   * files are removed), unless their status says something else (unreachable, forced out).
   */
  private static Map<String, UnaryOperator<NodeRecord>> leftPlatform(JobRecord job,
      List<NodeRecord> platformNodes, Instant now) {
    Set<String> staying = new HashSet<>();
    platformNodes.forEach(n -> staying.add(n.nodeId()));
    Map<String, UnaryOperator<NodeRecord>> changes = new LinkedHashMap<>();
    for (String id : job.newNodes()) {
      if (!staying.contains(id)) {
        changes.put(id, current -> {
          NodeStatus next = NodeTransitions.next(current.status(),
              NodeTransitions.Event.LEFT_PLATFORM);
          return next == current.status() ? current : current.withStatus(next, now);
        });
      }
    }
    return changes;
  }

  /**
   * The nodes the job went on without are marked failed by it (their status and failure kept
   * as the step left them); a successful job clears the mark of every other node it succeeded
   * on in some step: it caught up.
   */
  private static Map<String, UnaryOperator<NodeRecord>> failedMarks(JobRecord job, Instant now) {
    Map<String, UnaryOperator<NodeRecord>> marks = new LinkedHashMap<>();
    for (LeftOutNode node : job.leftOut()) {
      NodeRecord.FailedIn mark = new NodeRecord.FailedIn(job.jobId(), node.step(),
          node.stepName(), now);
      marks.put(node.nodeId(), n -> n.withFailedIn(mark, now));
    }
    if (job.phase() != JobPhase.SUCCESSFUL) {
      return marks;
    }
    for (StepRecord step : job.steps()) {
      for (NodeStep entry : step.nodes()) {
        if (entry.state() == NodeState.SUCCEEDED && !marks.containsKey(entry.nodeId())) {
          marks.put(entry.nodeId(), n -> n.failedIn() == null ? n : n.withFailedIn(null, now));
        }
      }
    }
    return marks;
  }

  /**
   * The node statuses the effects leave behind, their past failures cleared; a config checks a
   * deployed node but does not make it "ready" again.
   */
  private static Map<String, UnaryOperator<NodeRecord>> nodeChanges(Set<Effect> effects,
      List<NodeRecord> nodes, Instant now) {
    Map<String, UnaryOperator<NodeRecord>> changes = new LinkedHashMap<>();
    if (effects.isEmpty()) {
      return changes;
    }
    NodeTransitions.Event event = effects.contains(Effect.MARK_NODES_READY)
        ? NodeTransitions.Event.CONFIGURED
        : effects.contains(Effect.FORGET_PLATFORM)
            ? NodeTransitions.Event.FORGOTTEN : NodeTransitions.Event.DEPLOYED;
    for (NodeRecord node : nodes) {
      changes.put(node.nodeId(), current -> {
        NodeStatus next = NodeTransitions.next(current.status(), event);
        return current.status() == next && current.failure() == null
            ? current : current.withStatus(next, now).withFailure(null, now);
      });
    }
    return changes;
  }
}
