package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Outcome;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import java.util.List;
import java.util.Optional;

/**
 * One step's per-node ledger, as the step's runner sees it: which nodes a resume may skip, and
 * each node's start and end. A node's end is durable when the call returns; its start is only
 * visible (a crash turns it back into "not done", which a resume runs again anyway).
 */
final class StepLedger {
  private final JobLedger job;
  private final int index;

  StepLedger(JobLedger job, int index) {
    this.job = job;
    this.index = index;
  }

  /** The job that completed this step on the node before this one resumed, if any. */
  Optional<String> completedEarlier(String nodeId) {
    return step().node(nodeId).map(NodeStep::succeededIn);
  }

  /** Adds the step's targets as pending (those already in the ledger keep their entry). */
  void targets(List<String> nodeIds) {
    job.applyInMemory(j -> j.withStepRecord(index, s -> {
      StepRecord next = s;
      for (String id : nodeIds) {
        if (next.node(id).isEmpty()) {
          next = next.withNode(NodeStep.pending(id));
        }
      }
      return next;
    }));
  }

  void running(String nodeId) {
    job.applyInMemory(j -> j.withStepRecord(index,
        s -> s.withNode(entry(s, nodeId).running())));
  }

  void succeeded(String nodeId) {
    job.apply(j -> j.withStepRecord(index, s -> s.withNode(entry(s, nodeId).succeeded())));
  }

  void failed(String nodeId, Outcome how, String why) {
    job.apply(j -> j.withStepRecord(index, s -> s.withNode(entry(s, nodeId).failed(how, why))));
  }

  /** The step's own count of work done (a playbook's tasks). */
  void tasks(int done, int total) {
    job.applyInMemory(j -> j.withStepRecord(index,
        s -> s.withTasks(new StepRecord.TaskCount(done, total))));
  }

  private StepRecord step() {
    return job.current().steps().get(index);
  }

  private static NodeStep entry(StepRecord step, String nodeId) {
    return step.node(nodeId).orElse(NodeStep.pending(nodeId));
  }
}
