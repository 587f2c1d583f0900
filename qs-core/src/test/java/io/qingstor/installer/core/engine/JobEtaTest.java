package io.qingstor.installer.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingstor.installer.core.job.JobRecord;
import io.qingstor.installer.core.job.JobType;
import io.qingstor.installer.core.job.NodeStep;
import io.qingstor.installer.core.job.StepRecord;
import io.qingstor.installer.core.job.StepState;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanLoader;
import io.qingstor.installer.core.plan.PlanStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ETA: earlier runs' mean node time, in rounds of the step's parallelism. */
class JobEtaTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Plan PLAN = PlanLoader.parse(String.join("\n",
      "version: eta-test",
      "jobs:",
      "  config:",
      "    - {name: check, targets: all, run: 'true'}",
      "  deploy:",
      "    - {name: push, targets: all, parallelism: 2, run: 'true'}",
      "    - {name: start, targets: all, parallelism: 1, run: 'true'}",
      "  scale_access:",
      "    - {name: push, targets: all, parallelism: 2, run: 'true'}",
      ""), "eta-test.yml");

  /** A finished deploy, created at T0, whose steps took these node times (seconds). */
  private static JobRecord earlierDeploy(int[] pushSeconds, int[] startSeconds) {
    JobRecord job = job("j-EARLIER0", JobType.DEPLOY, T0).startStep(0, T0);
    job = job.withStepRecord(0, s -> timed(s, pushSeconds)).finishStep(0, StepState.SUCCESSFUL)
        .startStep(1, T0).withStepRecord(1, s -> timed(s, startSeconds))
        .finishStep(1, StepState.SUCCESSFUL);
    return job.succeed(T0.plusSeconds(60));
  }

  private static StepRecord timed(StepRecord step, int[] seconds) {
    StepRecord timed = step;
    for (int i = 0; i < seconds.length; i++) {
      timed = timed.withNode(NodeStep.pending("n-" + i).running(T0)
          .succeeded(T0.plusSeconds(seconds[i])));
    }
    return timed;
  }

  private static JobRecord job(String id, JobType type, Instant created) {
    List<StepRecord> steps = new ArrayList<>();
    for (PlanStep step : PLAN.steps(type)) {
      steps.add(new StepRecord(step.name(), step.title(), StepState.PENDING));
    }
    return JobRecord.create(id, type, steps, created, "admin", null, List.of(), 1);
  }

  private static Optional<JobEta> eta(JobRecord job, List<JobRecord> earlier, int nodes) {
    return JobEta.of(job, StepHistory.before(job, earlier), PLAN.steps(job.type()), i -> nodes);
  }

  @Test
  void aStepNotStartedTakesRoundsOfItsMeanNodeTime() {
    JobRecord earlier = earlierDeploy(new int[] {10, 20}, new int[] {4});
    JobRecord now = job("j-NOW00000", JobType.DEPLOY, T0.plusSeconds(100))
        .startStep(0, T0.plusSeconds(100));

    Optional<JobEta> eta = eta(now, List.of(earlier), 5);

    // push: 5 nodes, 2 at a time: 3 rounds of 15 s; start: 5 rounds of 4 s.
    assertThat(eta.orElseThrow().secondsLeft(T0.plusSeconds(100))).isEqualTo(45 + 20);
  }

  @Test
  void runningNodesEndOneMeanNodeTimeAfterTheLastOfThemStarted() {
    JobRecord earlier = earlierDeploy(new int[] {10, 20}, new int[] {4});
    Instant started = T0.plusSeconds(100);
    JobRecord now = job("j-NOW00000", JobType.DEPLOY, started).startStep(0, started)
        .withStepRecord(0, s -> s.withNode(NodeStep.pending("n-1").running(started))
            .withNode(NodeStep.pending("n-2").running(started.plusSeconds(5)))
            .withNode(NodeStep.pending("n-3").running(started).succeeded(started))
            .withNode(NodeStep.pending("n-4")));

    JobEta eta = eta(now, List.of(earlier), 4).orElseThrow();

    // n-2 ends at +20 s (10 s from now), n-4 takes one round of 15 s, start 4 rounds of 4 s.
    assertThat(eta.secondsLeft(started.plusSeconds(10))).isEqualTo(10 + 15 + 16);
    assertThat(eta.secondsLeft(started.plusSeconds(40))).isEqualTo(15 + 16);
  }

  @Test
  void thereIsNoEtaWithoutAnEarlierRunOfEveryStepStillToRun() {
    JobRecord now = job("j-NOW00000", JobType.DEPLOY, T0).startStep(0, T0);

    assertThat(eta(now, List.of(), 3)).isEmpty();
  }

  @Test
  void aLaterJobDoesNotCountAsHistory() {
    JobRecord now = job("j-NOW00000", JobType.DEPLOY, T0.minusSeconds(1))
        .startStep(0, T0.minusSeconds(1));

    assertThat(eta(now, List.of(earlierDeploy(new int[] {1}, new int[] {1})), 3)).isEmpty();
  }

  @Test
  void aScaleJobLearnsFromTheDeploysStepOfTheSameName() {
    JobRecord earlier = earlierDeploy(new int[] {6}, new int[] {4});
    JobRecord scale = job("j-SCALE000", JobType.SCALE_ACCESS, T0.plusSeconds(100))
        .startStep(0, T0.plusSeconds(100));

    Optional<JobEta> eta = eta(scale, List.of(earlier), 3);

    assertThat(eta.orElseThrow().secondsLeft(T0.plusSeconds(100))).isEqualTo(12);
  }

  @Test
  void aFinishedJobHasNoEta() {
    JobRecord earlier = earlierDeploy(new int[] {6}, new int[] {4});

    assertThat(eta(earlierDeploy(new int[] {1}, new int[] {1}), List.of(earlier), 3)).isEmpty();
  }
}
