package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.LeftOutNode;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.Optional;

/**
 * One step's per-node ledger, as the step's runner sees it: which nodes a resume may skip, and
 * each node's start and end, with their times (status shows them; the next runs of the step
 * estimate their ETA from them). A node's end is durable when the call returns; its start is
 * only visible (a crash turns it back into "not done", which a resume runs again anyway).
 */
final class StepLedger {
  private final JobLedger job;
  private final int index;
  private final Clock clock;

  StepLedger(JobLedger job, int index, Clock clock) {
    this.job = job;
    this.index = index;
    this.clock = clock;
  }

  /**
   * Records the step's targets (pending unless the ledger has them already) and returns those
   * still to do: all but the nodes a resumed step already completed and those the job left out
   * (marked skipped), each reported to {@code skipped} with why.
   */
  List<String> stillToDo(List<String> nodeIds, BiConsumer<String, String> skipped) {
    targets(nodeIds);
    List<String> toDo = new ArrayList<>();
    List<NodeStep> leftOutSteps = new ArrayList<>();
    List<Map.Entry<String, String>> skips = new ArrayList<>();
    JobRecord current = job.current();
    for (String id : nodeIds) {
      if (!handled(current, index, id)) {
        toDo.add(id);
        continue;
      }
      Optional<String> completedIn = step().node(id).map(NodeStep::succeededIn);
      if (completedIn.isPresent()) {
        skips.add(Map.entry(id, "skipped: completed on this node by job " + completedIn.get()));
      } else {
        LeftOutNode leftOut = current.leftOut(id).orElseThrow();
        String why = "skipped: the job goes on without this node since step" + leftOut.step()
            + " (" + leftOut.stepName() + "): " + leftOut.reason();
        leftOutSteps.add(NodeStep.leftOut(id, why));
        skips.add(Map.entry(id, why));
      }
    }
    if (!leftOutSteps.isEmpty()) {
      // One record change for all of them: each change is published to the status views.
      job.applyInMemory(j -> j.withStepRecord(index, s -> {
        StepRecord next = s;
        for (NodeStep node : leftOutSteps) {
          next = next.withNode(node);
        }
        return next;
      }));
    }
    skips.forEach(skip -> skipped.accept(skip.getKey(), skip.getValue()));
    return toDo;
  }

  /**
   * Whether step {@code index} of {@code job} has nothing left to do on {@code nodeId}: the step
   * completed there in the failed job this one resumes (carried), or the job goes on without
   * the node. Such a node is neither run, skipped as unreachable, nor checked for leftovers.
   */
  static boolean handled(JobRecord job, int index, String nodeId) {
    return job.leftOut(nodeId).isPresent()
        || job.steps().get(index).node(nodeId).map(NodeStep::succeededIn).isPresent();
  }

  private void targets(List<String> nodeIds) {
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
        s -> s.withNode(entry(s, nodeId).running(clock.instant()))));
  }

  void succeeded(String nodeId) {
    job.apply(j -> j.withStepRecord(index,
        s -> s.withNode(entry(s, nodeId).succeeded(clock.instant()))));
  }

  /**
   * The node failed the step for good (after its retries): recorded durably with how, why and
   * what to do ({@code failure}'s diagnosis), and counted against the step's failure budget
   * unless it was cancelled.
   */
  void failed(StepOutcome.NodeFailure failure) {
    attemptFailed(failure);
    count(failure);
  }

  /**
   * The node failed the step for good, as a run still going reports it: shown at once and
   * counted against the budget (which may stop the step), but only visible; the caller records
   * it durably with {@link #ended} once the run has ended (a crash before that leaves the node
   * not done, which a resume runs again anyway).
   */
  void failing(StepOutcome.NodeFailure failure) {
    job.applyInMemory(failedNode(failure));
    count(failure);
  }

  /** The node failed an attempt that will be repeated: recorded, not counted. */
  void attemptFailed(StepOutcome.NodeFailure failure) {
    job.apply(failedNode(failure));
  }

  private UnaryOperator<JobRecord> failedNode(StepOutcome.NodeFailure failure) {
    return j -> j.withStepRecord(index, s -> s.withNode(entry(s, failure.nodeId())
        .failed(failure.outcome(), failure.why(), failure.diagnosis(), clock.instant())));
  }

  /**
   * Records durably, in one change, how the nodes of one run ended: {@code succeeded} completed
   * the step, {@code failed} failed it, for good when {@code finalAttempt} (counted against the
   * budget; a node {@link #failing} reported is counted once) or in an attempt to be repeated.
   */
  void ended(List<String> succeeded, List<StepOutcome.NodeFailure> failed,
      boolean finalAttempt) {
    if (succeeded.isEmpty() && failed.isEmpty()) {
      return;
    }
    job.apply(j -> {
      JobRecord next = j.withStepRecord(index, s -> {
        StepRecord ended = s;
        for (String id : succeeded) {
          ended = ended.withNode(entry(ended, id).succeeded(clock.instant()));
        }
        return ended;
      });
      for (StepOutcome.NodeFailure failure : failed) {
        next = failedNode(failure).apply(next);
      }
      return next;
    });
    if (finalAttempt) {
      failed.forEach(this::count);
    }
  }

  /** Counts a failure against the step's budget, unless it was cancelled. */
  private void count(StepOutcome.NodeFailure failure) {
    StepBudget budget = job.budget(index);
    if (budget != null && !failure.wasCancelled()) {
      budget.failed(failure.nodeId());
    }
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
