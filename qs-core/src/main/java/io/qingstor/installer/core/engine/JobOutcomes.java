package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.job.JobPhase;
import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.platform.PlatformEvent;
import io.qingstor.installer.core.platform.PlatformStatus;
import io.qingstor.installer.core.platform.PlatformTransitions;
import io.qingstor.installer.core.state.NodeRecord;
import io.qingstor.installer.core.state.NodeRecord.NodeStatus;
import io.qingstor.installer.core.state.PlatformRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a finished platform job does to the platform: the table's success or failure transition
 * plus its effects (deployed flag, current config version, node statuses). Used when a job ends
 * and when recovery finds a job that ended just before a crash.
 */
final class JobOutcomes {
  private JobOutcomes() {}

  static PlatformRecord apply(PlatformRecord platform, JobRecord job, Instant now) {
    JobType type = job.type();
    PlatformEvent event = job.phase() == JobPhase.SUCCESSFUL
        ? type.succeededEvent() : type.failedEvent();
    PlatformStatus next = PlatformTransitions.next(platform.status(), event).orElseThrow(() ->
        new IllegalStateException("platform in " + platform.status() + " cannot take " + event));
    PlatformRecord moved = platform.moveTo(next, now);
    if (job.phase() != JobPhase.SUCCESSFUL) {
      return moved;
    }
    switch (type) {
      case DEPLOY: return moved.withDeployed(true);
      case RESET: return moved.withDeployed(false).withConfigVersion(0);
      case SCALE_ACCESS:
      case SCALE_STORAGE: return moved.withConfigVersion(job.configVersion());
      default: return moved;
    }
  }

  /** The node statuses a successful job leaves behind; its nodes' past failures are cleared. */
  static List<NodeRecord> nodeUpdates(JobRecord job, List<NodeRecord> platformNodes, Instant now) {
    List<NodeRecord> updated = new ArrayList<>();
    if (job.phase() != JobPhase.SUCCESSFUL) {
      return updated;
    }
    NodeStatus status = job.type() == JobType.CONFIG || job.type() == JobType.RESET
        ? NodeStatus.READY : NodeStatus.DEPLOYED;
    for (NodeRecord node : platformNodes) {
      // A config job checks a deployed node but does not make it "ready" again.
      NodeStatus next = job.type() == JobType.CONFIG && node.status() == NodeStatus.DEPLOYED
          ? NodeStatus.DEPLOYED : status;
      if (node.status() != next || node.failure() != null) {
        updated.add(node.withStatus(next, now).withFailure(null, now));
      }
    }
    return updated;
  }
}
